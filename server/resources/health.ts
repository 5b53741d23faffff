/**
 * GET /v1/health, for load balancers and monitors: 200 when the database
 * answers (with the schema's migration version), 503 when it does not, or not
 * within HEALTH_TIMEOUT_MS (a database that hangs is as useless as one that
 * refuses). The cause goes to the error log, not to the unauthenticated caller.
 */
import { createRoute } from '@hono/zod-openapi';
import { Health, HealthUnavailable } from '../../utils/schema';
import type { Api, Deps } from '../api';
import { jsonReply } from '../api';
import { currentMigration } from '../db/migrate';
import type { Logger } from '../log';

export const HEALTH_TIMEOUT_MS = 2000;

const route = createRoute({
  method: 'get',
  path: '/v1/health',
  summary: 'Liveness and database reachability (no token needed)',
  responses: {
    200: jsonReply(Health, 'The server and its database answer'),
    503: jsonReply(HealthUnavailable, `The database does not answer, or not within ${HEALTH_TIMEOUT_MS} ms`),
  },
});

function withinTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function registerHealth(app: Api, { db, log }: Deps & { log: Logger }): void {
  app.openapi(route, async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      const migration = await withinTimeout(currentMigration(db));
      return c.json({ status: 'ok' as const, database: db.kind, migration }, 200);
    } catch (error) {
      log.error('database_unavailable', error, { requestId: c.get('requestId') });
      return c.json(
        { status: 'unavailable' as const, database: db.kind, message: 'The database does not answer' },
        503,
      );
    }
  });
}
