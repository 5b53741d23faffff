/**
 * A lead's decision on a submission of their team: accept, fix (accept a
 * corrected review, the expert's original kept), reject, or return it to the
 * expert with a comment (its task goes back into their list). Idempotent on
 * the audit id, like submissions, because audits go through the same outbox;
 * a batch is one transaction, and an item at fault is named by its index.
 */
import { createRoute } from '@hono/zod-openapi';
import { ApiError, Audit, AuditBatch, SubmitBatchResult } from '../../utils/schema';
import { type Api, bearer, type Deps, errorResponses, jsonBody, jsonReply } from '../api';
import { type AuthUser, requireRole } from '../auth';
import { canonicalJson } from '../canonical-json';
import type { Queryable } from '../db/database';
import { HttpError } from '../errors';

const recordOne = createRoute({
  method: 'post',
  path: '/v1/audits',
  summary: "Accept, fix, reject or return a submission of the lead's team",
  security: bearer,
  request: { body: jsonBody(Audit) },
  responses: {
    200: jsonReply(Audit, 'The audit is recorded (or was already)'),
    ...errorResponses,
    404: jsonReply(ApiError, 'No such submission in your team'),
    409: jsonReply(ApiError, 'This audit id was already used for a different decision'),
  },
});

const recordBatch = createRoute({
  method: 'post',
  path: '/v1/audits/batch',
  summary: 'Record audits from the outbox; resending a recorded audit id is a no-op',
  security: bearer,
  request: { body: jsonBody(AuditBatch) },
  responses: {
    200: jsonReply(SubmitBatchResult, 'Every audit of the batch is recorded'),
    ...errorResponses,
    404: jsonReply(ApiError, 'An audited submission is not in your team'),
    409: jsonReply(ApiError, 'An audit id was already used for a different decision'),
  },
});

/** Records one audit; `at` names its place in a batch in errors. */
async function record(
  tx: Queryable,
  user: AuthUser,
  audit: Audit,
  at: string,
): Promise<{ created: boolean; recordedAt: Date }> {
  const [submission] = await tx.query<{ user_id: string; task_id: string | null; team_id: string; attempt: number }>(
    'SELECT user_id, task_id, team_id, attempt FROM submissions WHERE id = $1 AND ($2::uuid IS NULL OR team_id = $2)',
    [audit.submissionId, user.role === 'admin' ? null : user.teamId],
  );
  if (!submission) {
    throw new HttpError(404, 'not_found', `No submission ${audit.submissionId} in your team`, [
      { path: `${at}submissionId`, message: 'No such submission in your team' },
    ]);
  }
  const review = audit.review ? JSON.stringify(audit.review) : null;
  const [inserted] = await tx.query<{ recorded_at: Date }>(
    `INSERT INTO audits (id, submission_id, lead_id, action, comment, review, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT (id) DO NOTHING RETURNING recorded_at`,
    [audit.id, audit.submissionId, user.id, audit.action, audit.comment, review, audit.createdAt],
  );
  if (!inserted) {
    const [stored] = await tx.query<{
      submission_id: string;
      action: string;
      comment: string;
      review: unknown;
      recorded_at: Date;
    }>('SELECT submission_id, action, comment, review, recorded_at FROM audits WHERE id = $1', [audit.id]);
    const same =
      stored?.submission_id === audit.submissionId &&
      stored.action === audit.action &&
      stored.comment === audit.comment &&
      canonicalJson(stored.review) === canonicalJson(audit.review ?? null);
    if (!stored || !same) {
      throw new HttpError(409, 'conflict', `Audit ${audit.id} was already recorded with different content`, [
        { path: `${at}id`, message: 'This audit id is already used' },
      ]);
    }
    return { created: false, recordedAt: stored.recorded_at };
  }
  if (audit.action === 'return' && submission.task_id) {
    // The assignment the submission answered: a returned re-rating goes back as a re-rating, the first rating as itself.
    await tx.query(
      `UPDATE assignments SET status = 'returned', return_comment = $4
        WHERE team_id = $1 AND task_id = $2 AND user_id = $3 AND attempt = $5`,
      [submission.team_id, submission.task_id, submission.user_id, audit.comment, submission.attempt],
    );
  }
  return { created: true, recordedAt: inserted.recorded_at };
}

export function registerAudits(app: Api, { db }: Deps): void {
  app.openapi(recordOne, async (c) => {
    const user = c.get('user');
    requireRole(user, 'lead', 'admin');
    const audit = c.req.valid('json');
    await db.transaction((tx) => record(tx, user, audit, ''));
    return c.json(audit, 200);
  });

  app.openapi(recordBatch, async (c) => {
    const user = c.get('user');
    requireRole(user, 'lead', 'admin');
    const { audits } = c.req.valid('json');
    const results = await db.transaction(async (tx) => {
      const out = [];
      for (const [i, audit] of audits.entries()) {
        const { created, recordedAt } = await record(tx, user, audit, `audits.${i}.`);
        out.push({
          id: audit.id,
          status: created ? ('created' as const) : ('duplicate' as const),
          receivedAt: recordedAt.toISOString(),
        });
      }
      return out;
    });
    return c.json({ results }, 200);
  });
}
