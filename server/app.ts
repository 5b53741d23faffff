/**
 * The task server's HTTP application: middleware, the /v1 resources, the
 * OpenAPI document and the demo chat page. Storage is passed in, so tests build
 * the same app on a throwaway database and call it with `app.request()`.
 */
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { LIMITS } from '../utils/schema';
import { actionLog } from './action-log';
import { type Api, type Deps, newApi } from './api';
import { authenticate } from './auth';
import { DatabaseUnavailable } from './db/database';
import { registerDemo } from './demo/routes';
import { databaseUnavailable, errorResponse, HttpError } from './errors';
import { errorsOnly } from './log';
import { refuseNul } from './nul-guard';
import { rateLimit } from './rate-limit';
import { requestLog } from './request-log';
import { registerActionLog } from './resources/action-log';
import { registerAudits } from './resources/audits';
import { registerExports } from './resources/exports';
import { registerHealth } from './resources/health';
import { registerInvites } from './resources/invites';
import { registerMe } from './resources/me';
import { registerProjects } from './resources/projects';
import { registerSubmissions } from './resources/submissions';
import { registerTasks } from './resources/tasks';

/** The extension calls the API from its own origin; no web page may. */
function isExtensionOrigin(origin: string): boolean {
  return /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i.test(origin);
}

// The invite exchange is how a new member gets a token (see resources/invites.ts).
const PUBLIC_PATHS = new Set(['/v1/health', '/v1/openapi.json', '/v1/invites/redeem']);
const DEFAULT_RATE_LIMIT = 600;

export function createApp(deps: Deps): Api {
  const app = newApi();
  const log = deps.log ?? errorsOnly;

  // First, so that its line has the status and duration of whatever answered.
  app.use('*', requestLog(log));

  // Every reply carries them, errors included (a 404 outside /v1 too), except the demo chat page: it stands
  // in for a chat site, and the end-to-end tests drive the extension on it as it is served.
  const headers = secureHeaders();
  app.use('*', (c, next) => (c.req.path.startsWith('/demo/') ? next() : headers(c, next)));
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (isExtensionOrigin(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      maxAge: 600,
    }),
  );
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: LIMITS.requestBytes,
      onError: (c) =>
        errorResponse(
          c,
          new HttpError(
            413,
            'too_large',
            `The request is larger than ${LIMITS.requestBytes} bytes; send fewer submissions at once`,
          ),
        ),
    }),
  );
  const auth = authenticate(deps.db);
  const limit = rateLimit(deps.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT);
  // Leads' and admins' requests are recorded once answered (action-log.ts says which, and why after the limit).
  const record = actionLog(deps.db, log);
  app.use('/v1/*', (c, next) =>
    PUBLIC_PATHS.has(c.req.path)
      ? next()
      : auth(c, async () => {
          await limit(c, async () => {
            await record(c, next);
          });
        }),
  );

  app.use('/v1/*', refuseNul);

  registerHealth(app, { ...deps, log });
  registerMe(app);
  registerTasks(app, deps);
  registerSubmissions(app, deps);
  registerAudits(app, deps);
  registerProjects(app, deps);
  registerExports(app, deps);
  registerActionLog(app, deps);
  registerInvites(app, deps);
  registerDemo(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal access token (att_…), made with `npm run server -- token create`',
  });
  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Attending task server', version: '1' },
  });

  app.notFound((c) => errorResponse(c, new HttpError(404, 'not_found', `No route ${c.req.method} ${c.req.path}`)));
  app.onError((error, c) => {
    if (error instanceof HttpError) return errorResponse(c, error);
    if (error instanceof HTTPException) {
      const message =
        error.status === 415 ? 'Send the body as JSON with Content-Type: application/json' : error.message;
      return errorResponse(
        c,
        new HttpError(error.status, error.status === 415 ? 'unsupported_media_type' : 'bad_request', message),
      );
    }
    if (error instanceof DatabaseUnavailable) {
      log.error('database_unavailable', error, { requestId: c.get('requestId') });
      return errorResponse(c, databaseUnavailable());
    }
    log.error('request_failed', error, { requestId: c.get('requestId') });
    return errorResponse(c, new HttpError(500, 'internal', 'The server failed; the request was not applied'));
  });
  return app;
}
