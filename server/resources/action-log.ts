/** GET /v1/action-log: what leads and admins did (see ../action-log.ts), for admins. */
import { createRoute, z } from '@hono/zod-openapi';
import { readActionLog } from '../action-log';
import { type Api, bearer, type Deps, errorResponses, jsonReply } from '../api';
import { requireRole } from '../auth';

const ActionLogEntry = z
  .strictObject({
    /** Ascending in the order the entries were written. */
    id: z.string(),
    at: z.iso.datetime(),
    user: z.strictObject({ id: z.uuid(), name: z.string() }),
    /** The team and role of the user when they acted. */
    teamId: z.uuid(),
    role: z.enum(['lead', 'admin']),
    method: z.string(),
    /** The route as this document names it (`/v1/projects/{id}/tasks`); null when no route matched. */
    route: z.string().nullable(),
    /** The path requested, with the ids of what was acted on. */
    path: z.string(),
    /** The status the request was answered with. */
    status: z.int(),
    /** The query parameters (`query`), and what a request body acted on (submission and task ids, decisions). */
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ActionLogEntry' });

const ActionLogPage = z
  .strictObject({
    entries: z.array(ActionLogEntry),
    /** Pass as `before` to get the next (older) page; absent on the last page. */
    nextCursor: z.string().optional(),
  })
  .meta({ id: 'ActionLogPage' });

const route = createRoute({
  method: 'get',
  path: '/v1/action-log',
  summary: 'What leads and admins read and changed, newest first (admins)',
  security: bearer,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      // At most 18 digits: always a bigint, never an overflow in the database.
      before: z
        .string()
        .regex(/^\d{1,18}$/, 'Not a cursor this server gave out')
        .optional(),
    }),
  },
  responses: { 200: jsonReply(ActionLogPage, 'One page of the log'), ...errorResponses },
});

export function registerActionLog(app: Api, { db }: Deps): void {
  app.openapi(route, async (c) => {
    requireRole(c.get('user'), 'admin');
    const { limit, before } = c.req.valid('query');
    const entries = await readActionLog(db, limit + 1, before);
    const page = entries.slice(0, limit);
    const last = page.at(-1);
    return c.json({ entries: page, ...(entries.length > limit && last ? { nextCursor: last.id } : {}) }, 200);
  });
}
