import { createRoute } from '@hono/zod-openapi';
import { Health } from '../../utils/schema';
import type { Api, Deps } from '../api';
import { jsonReply } from '../api';
import { currentMigration } from '../db/migrate';

const route = createRoute({
  method: 'get',
  path: '/v1/health',
  summary: 'Liveness and database reachability (no token needed)',
  responses: { 200: jsonReply(Health, 'The server and its database answer') },
});

export function registerHealth(app: Api, { db }: Deps): void {
  app.openapi(route, async (c) =>
    c.json({ status: 'ok' as const, database: db.kind, migration: await currentMigration(db) }, 200),
  );
}
