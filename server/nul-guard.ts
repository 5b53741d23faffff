/**
 * PostgreSQL's text and jsonb cannot hold U+0000. A JSON body carrying one
 * (written `\u0000`) is refused with 400 naming the first field that holds
 * it, before any route reads the body: every route, not only the ones that
 * thought of it, and never a 500 from the database.
 */
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors';

const MESSAGE = 'Text contains a NUL character (U+0000), which cannot be stored';

/** The path of the first key or string holding U+0000. */
function nulPath(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === 'string') return value.includes('\0') ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const here = [...path, key];
    if (key.includes('\0')) return here;
    const found = nulPath(child, here);
    if (found) return found;
  }
  return undefined;
}

export const refuseNul: MiddlewareHandler = async (c, next) => {
  if (c.req.header('Content-Type')?.includes('application/json')) {
    const text = await c.req.text();
    if (text.includes('\\u0000')) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return next(); // malformed JSON: the route's validator says so
      }
      const path = nulPath(body, [])?.join('.');
      if (path !== undefined)
        throw new HttpError(400, 'invalid_request', `${path}: ${MESSAGE}`, [{ path, message: MESSAGE }]);
    }
  }
  await next();
};
