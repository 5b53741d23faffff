/**
 * One log line per request, once answered: method, the route pattern that
 * answered (`/v1/projects/{id}/claim`, so no id or value of the request is
 * written; the bare path when no route matched), status, duration and a
 * request id. The id is also sent back as `X-Request-Id`, so a user can quote
 * it; a proxy's own id is kept if it looks like one (letters, digits, dashes:
 * no token is shaped like that, since tokens hold underscores).
 * Query strings, headers and bodies are never read here.
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from './log';

declare module 'hono' {
  interface ContextVariableMap {
    requestId: string;
  }
}

const FORWARDED_ID = /^[A-Za-z0-9-]{8,64}$/;

/** The route that answered, as the OpenAPI document names it (`/v1/projects/{id}/tasks`). */
export function routeOf(c: Context): { method: string; template: string } | undefined {
  // Middleware is registered for method ALL; the last route of another method is the handler.
  const route = matchedRoutes(c)
    .filter((r) => r.method !== 'ALL')
    .at(-1);
  return route && { method: route.method, template: route.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}') };
}

export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const forwarded = c.req.header('x-request-id');
    const requestId = forwarded && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
    c.set('requestId', requestId);
    try {
      await next();
    } finally {
      c.header('X-Request-Id', requestId);
      log.info('request', {
        requestId,
        method: c.req.method,
        path: routeOf(c)?.template ?? c.req.path,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  };
}
