/**
 * A lead's decision on a submission of their team. Idempotent on the audit id,
 * like submissions, because audits go through the same outbox. Returning a
 * submission puts its task back in the expert's list with the lead's comment.
 */
import { createRoute } from '@hono/zod-openapi';
import { ApiError, Audit } from '../../utils/schema';
import { type Api, bearer, type Deps, errorResponses, jsonBody, jsonReply } from '../api';
import { requireRole } from '../auth';
import { HttpError } from '../errors';

const recordAudit = createRoute({
  method: 'post',
  path: '/v1/audits',
  summary: "Accept, reject or return a submission of the lead's team",
  security: bearer,
  request: { body: jsonBody(Audit) },
  responses: {
    200: jsonReply(Audit, 'The audit is recorded (or was already)'),
    ...errorResponses,
    404: jsonReply(ApiError, 'No such submission in your team'),
    409: jsonReply(ApiError, 'This audit id was already used for a different decision'),
  },
});

export function registerAudits(app: Api, { db }: Deps): void {
  app.openapi(recordAudit, async (c) => {
    const user = c.get('user');
    requireRole(user, 'lead', 'admin');
    const audit = c.req.valid('json');
    await db.transaction(async (tx) => {
      const [submission] = await tx.query<{ user_id: string; task_id: string | null; team_id: string }>(
        'SELECT user_id, task_id, team_id FROM submissions WHERE id = $1 AND ($2::uuid IS NULL OR team_id = $2)',
        [audit.submissionId, user.role === 'admin' ? null : user.teamId],
      );
      if (!submission) throw new HttpError(404, 'not_found', `No submission ${audit.submissionId} in your team`);
      const inserted = await tx.query(
        `INSERT INTO audits (id, submission_id, lead_id, action, comment, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [audit.id, audit.submissionId, user.id, audit.action, audit.comment, audit.createdAt],
      );
      if (!inserted.length) {
        const [stored] = await tx.query<{ submission_id: string; action: string; comment: string }>(
          'SELECT submission_id, action, comment FROM audits WHERE id = $1',
          [audit.id],
        );
        if (
          stored?.submission_id !== audit.submissionId ||
          stored.action !== audit.action ||
          stored.comment !== audit.comment
        ) {
          throw new HttpError(409, 'conflict', `Audit ${audit.id} was already recorded with different content`, [
            { path: 'id', message: 'This audit id is already used' },
          ]);
        }
        return;
      }
      if (audit.action === 'return' && submission.task_id) {
        await tx.query(
          `UPDATE assignments SET status = 'returned', return_comment = $4
            WHERE team_id = $1 AND task_id = $2 AND user_id = $3`,
          [submission.team_id, submission.task_id, submission.user_id, audit.comment],
        );
      }
    });
    return c.json(audit, 200);
  });
}
