/**
 * The action log: who among the leads and admins read a team's data or changed
 * anything, when, through which route, on what, and how it was answered (table
 * `action_log`, which the database keeps append-only). Admins read it with
 * GET /v1/action-log or `npm run server -- log`.
 *
 * What is recorded: every request of a lead or an admin, except three reads that
 * show them only themselves or what every expert of their team sees too, and
 * that the extension polls (recording them would bury the log in noise):
 * GET /v1/me, GET /v1/tasks/assigned and GET /v1/projects. Refused and failed
 * attempts (403, 404, 400 …) are recorded with their status. Experts are not:
 * they reach only their own work and what their project lets them compare it
 * with, and what they send is itself the record. Requests without a valid token
 * never get here (there is nobody to record), nor do rate-limited ones: the log
 * runs after the rate limit, so nobody can make it grow faster than that.
 *
 * When: after the handler, with the status it answered. A streamed export is
 * recorded when its response is returned; its body is not touched here.
 *
 * When the row cannot be written. Handlers commit in transactions of their own,
 * so the row cannot be part of the change it records. A request that may have
 * changed something (any method but GET and HEAD) has done so by now:
 * answering 500 would tell the client it was not applied, and the outbox would
 * send it again, so its reply stands and the failure goes to the error log (stderr) with the
 * entry in full, for an operator to restore. A read has disclosed nothing yet:
 * its reply is replaced by a 500 (a streamed body is cancelled unread), so no
 * team data leaves the server unrecorded, and the error log names only its
 * method and route (its query values are a lead's, like the request log's).
 */
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { Audit, AuditBatch, NamedAssignment, ProjectSettings, ProjectTasks, SubmitBatch } from '../utils/schema';
import type { AuthEnv } from './auth';
import { DatabaseUnavailable, type Queryable } from './db/database';
import { databaseUnavailable, errorResponse, HttpError } from './errors';
import type { Logger } from './log';
import { routeOf } from './request-log';

const UNRECORDED = new Set(['GET /v1/me', 'GET /v1/tasks/assigned', 'GET /v1/projects']);

/** What each request body acted on, by route: ids and decisions, never the reviews themselves. */
const TARGETS: Record<string, (body: never) => object> = {
  'POST /v1/submissions/batch': (b: SubmitBatch) => ({ submissions: b.submissions.map((s) => s.id) }),
  'POST /v1/audits': (b: Audit) => ({ audits: [{ submissionId: b.submissionId, action: b.action }] }),
  'POST /v1/audits/batch': (b: z.infer<typeof AuditBatch>) => ({
    audits: b.audits.map((a) => ({ submissionId: a.submissionId, action: a.action })),
  }),
  'POST /v1/projects': (b: z.infer<typeof ProjectSettings>) => ({ name: b.name }),
  'POST /v1/projects/{id}/tasks': (b: z.infer<typeof ProjectTasks>) => ({ tasks: b.tasks.map((t) => t.task.id) }),
  'POST /v1/projects/{id}/assignments': (b: z.infer<typeof NamedAssignment>) => ({
    taskId: b.taskId,
    userId: b.userId,
  }),
};

/** PostgreSQL text and jsonb cannot hold U+0000; a request must not escape the log by carrying one. */
const storable = (text: string) => text.replaceAll('\0', '\uFFFD');

export function actionLog(db: Queryable, log: Logger): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    await next();
    const user = c.get('user');
    if (user.role === 'expert') return;
    const route = routeOf(c);
    const key = route && `${route.method} ${route.template}`;
    if (key && UNRECORDED.has(key)) return;
    const query = Object.fromEntries(
      Object.entries(c.req.queries()).map(([name, values]) => [
        storable(name),
        values.length === 1 ? values[0] : values,
      ]),
    );
    // The validated body, if the request got that far (absent when it was refused earlier).
    const body = (c.req.valid as (target: 'json') => unknown)('json');
    const target = key && body !== undefined ? TARGETS[key]?.(body as never) : undefined;
    const detail = { ...(Object.keys(query).length ? { query } : {}), ...target };
    const entry = [
      user.id,
      user.teamId,
      user.role,
      c.req.method,
      route?.template ?? null,
      storable(c.req.path),
      c.res.status,
      JSON.stringify(detail, (_key, value) => (typeof value === 'string' ? storable(value) : value)),
    ];
    try {
      await db.query(
        `INSERT INTO action_log (user_id, team_id, role, method, route, path, status, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
        entry,
      );
    } catch (error) {
      const requestId = c.get('requestId');
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
        log.error('action_log_write_failed', error, { requestId, entry });
        return;
      }
      // Nothing to restore: the read is refused. Its query (whom a lead looked up) stays out of the log.
      log.error('action_log_write_failed', error, { requestId, method: c.req.method, route: route?.template ?? null });
      await c.res.body?.cancel().catch(() => {});
      c.res = undefined; // so that no header of the withheld reply (an attachment's name) is kept
      c.res = errorResponse(
        c,
        // The database is out of reach (its reply said so already, or the log's write found it): a client retries.
        error instanceof DatabaseUnavailable
          ? databaseUnavailable()
          : new HttpError(
              500,
              'internal',
              'The server could not record this request in its action log; nothing was sent',
            ),
      );
    }
  };
}

export interface ActionLogEntry {
  id: string;
  at: string;
  user: { id: string; name: string };
  teamId: string;
  role: 'lead' | 'admin';
  method: string;
  route: string | null;
  path: string;
  status: number;
  detail: Record<string, unknown>;
}

/** The log, newest first: `limit` entries older than entry `before` (an id), if given. */
export async function readActionLog(db: Queryable, limit: number, before?: string): Promise<ActionLogEntry[]> {
  const rows = await db.query<Omit<ActionLogEntry, 'at' | 'user'> & { at: Date; user_id: string; user_name: string }>(
    `SELECT l.id::text AS id, l.at, l.user_id, u.name AS user_name, l.team_id AS "teamId", l.role, l.method, l.route,
            l.path, l.status, l.detail
       FROM action_log l JOIN users u ON u.id = l.user_id
      WHERE $2::bigint IS NULL OR l.id < $2::bigint
      ORDER BY l.id DESC
      LIMIT $1`,
    [limit, before ?? null],
  );
  return rows.map(({ id, at, user_id, user_name, ...row }) => ({
    id,
    at: at.toISOString(),
    user: { id: user_id, name: user_name },
    ...row,
  }));
}
