/**
 * Submissions: idempotent batch ingest from the extension's outbox, and the
 * team's list for leads.
 *
 * A batch is one transaction: either every item is stored (or recognised as
 * already stored) or none is. An item that cannot be stored fails the batch
 * with its index in the error path (`submissions.3.taskId`), so the client can
 * set that one item aside and resend the others.
 */
import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, type Audit, Submission, SubmissionPage, SubmitBatch, SubmitBatchResult } from '../../utils/schema';
import { type Api, bearer, type Deps, errorResponses, jsonBody, jsonReply } from '../api';
import { requireRole } from '../auth';
import { canonicalJson } from '../canonical-json';
import type { Queryable } from '../db/database';
import { HttpError, invalid } from '../errors';

const submitBatch = createRoute({
  method: 'post',
  path: '/v1/submissions/batch',
  summary: 'Store reviews; resending a stored submission id is a no-op that returns the stored result',
  security: bearer,
  request: { body: jsonBody(SubmitBatch) },
  responses: {
    200: jsonReply(SubmitBatchResult, 'Every submission of the batch is stored'),
    ...errorResponses,
    409: jsonReply(ApiError, 'A submission id was already used for different content'),
  },
});

const listSubmissions = createRoute({
  method: 'get',
  path: '/v1/submissions',
  summary: "The team's submissions, newest first (leads and admins)",
  security: bearer,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(50),
      before: z.string().max(200).optional(),
    }),
  },
  responses: { 200: jsonReply(SubmissionPage, 'One page of submissions'), ...errorResponses },
});

type BatchResult = z.infer<typeof SubmitBatchResult>['results'][number];

function contentHash(submission: Submission): string {
  return createHash('sha256').update(canonicalJson(submission)).digest('hex');
}

/** The stored result for a submission id already in the database, or a 409 if it was used for other content. */
async function storedResult(
  tx: Queryable,
  user: { id: string },
  submission: Submission,
  hash: string,
  index: number,
): Promise<BatchResult | undefined> {
  const [stored] = await tx.query<{ user_id: string; content_hash: string; received_at: Date }>(
    'SELECT user_id, content_hash, received_at FROM submissions WHERE id = $1',
    [submission.id],
  );
  if (!stored) return undefined;
  if (stored.user_id !== user.id || stored.content_hash !== hash) {
    const message = `Submission ${submission.id} was already stored with different content; a submission id is used once`;
    throw new HttpError(409, 'conflict', message, [{ path: `submissions.${index}.id`, message }]);
  }
  return { id: submission.id, status: 'duplicate', receivedAt: stored.received_at.toISOString() };
}

async function ingestOne(
  tx: Queryable,
  user: { id: string; teamId: string },
  submission: Submission,
  index: number,
): Promise<BatchResult> {
  const at = (field: string) => `submissions.${index}.${field}`;
  const hash = contentHash(submission);
  // A replay answers with what was stored, whatever happened to its assignment since.
  const replay = await storedResult(tx, user, submission, hash, index);
  if (replay) return replay;
  if (submission.taskId !== undefined) {
    const [assigned] = await tx.query(
      'SELECT 1 FROM assignments WHERE team_id = $1 AND task_id = $2 AND user_id = $3',
      [user.teamId, submission.taskId, user.id],
    );
    if (!assigned)
      throw invalid([{ path: at('taskId'), message: `No task "${submission.taskId}" is assigned to you` }]);
  }
  if (submission.supersedes !== undefined) {
    const [earlier] = await tx.query('SELECT 1 FROM submissions WHERE id = $1 AND user_id = $2', [
      submission.supersedes,
      user.id,
    ]);
    if (!earlier) {
      throw invalid([{ path: at('supersedes'), message: 'It can only complete an earlier submission of yours' }]);
    }
  }
  const [created] = await tx
    .query<{ received_at: Date }>(
      `INSERT INTO submissions (id, team_id, user_id, task_id, schema_version, body, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (id) DO NOTHING
       RETURNING received_at`,
      [
        submission.id,
        user.teamId,
        user.id,
        submission.taskId ?? null,
        submission.schemaVersion,
        JSON.stringify(submission),
        hash,
      ],
    )
    .catch((error: { code?: string }) => {
      // 22P05: PostgreSQL text cannot hold U+0000, which a page's text may contain.
      if (error.code === '22P05') {
        throw invalid([{ path: at('capture'), message: 'Text contains a NUL character (U+0000)' }]);
      }
      throw error;
    });
  if (!created) {
    // Stored by a concurrent request between our look-up and our insert.
    const raced = await storedResult(tx, user, submission, hash, index);
    if (raced) return raced;
    throw new Error(`Submission ${submission.id} neither inserted nor found`);
  }
  if (submission.taskId !== undefined) {
    await tx.query(
      `UPDATE assignments SET status = 'submitted', return_comment = NULL WHERE team_id = $1 AND task_id = $2 AND user_id = $3`,
      [user.teamId, submission.taskId, user.id],
    );
  }
  return { id: submission.id, status: 'created', receivedAt: created.received_at.toISOString() };
}

interface StoredRow {
  id: string;
  body: unknown;
  user_id: string;
  user_name: string;
  received_at: Date;
  received_text: string;
  audit_id: string | null;
  audit_action: Audit['action'];
  audit_comment: string;
  audit_created_at: Date;
}

function auditOf(row: StoredRow): Audit | undefined {
  if (!row.audit_id) return undefined;
  return {
    id: row.audit_id,
    submissionId: row.id,
    action: row.audit_action,
    comment: row.audit_comment,
    createdAt: row.audit_created_at.toISOString(),
  };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

/**
 * Opaque page cursor: the position of the last row of the previous page. The
 * time is PostgreSQL's own text of it, with microseconds: a JavaScript Date
 * keeps milliseconds only, and rows of one batch share one timestamp.
 */
const cursor = {
  encode: (row: { received_text: string; id: string }) =>
    Buffer.from(`${row.received_text}|${row.id}`).toString('base64url'),
  decode(value: string): [string, string] {
    const [at, id] = Buffer.from(value, 'base64url').toString().split('|');
    if (!at || !id || !TIMESTAMP.test(at) || !z.uuid().safeParse(id).success) {
      throw invalid([{ path: 'before', message: 'Not a cursor this server gave out' }]);
    }
    return [at, id];
  },
};

export function registerSubmissions(app: Api, { db }: Deps): void {
  app.openapi(submitBatch, async (c) => {
    const user = c.get('user');
    const { submissions } = c.req.valid('json');
    const results = await db.transaction(async (tx) => {
      const out: BatchResult[] = [];
      for (const [index, submission] of submissions.entries()) out.push(await ingestOne(tx, user, submission, index));
      return out;
    });
    return c.json({ results }, 200);
  });

  app.openapi(listSubmissions, async (c) => {
    const user = c.get('user');
    requireRole(user, 'lead', 'admin');
    const { limit, before } = c.req.valid('query');
    const params: unknown[] = [limit + 1];
    const where: string[] = [];
    if (user.role !== 'admin') {
      params.push(user.teamId);
      where.push(`s.team_id = $${params.length}`);
    }
    if (before) {
      const [at, id] = cursor.decode(before);
      params.push(at, id);
      where.push(`(s.received_at, s.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const rows = await db.query<StoredRow>(
      `SELECT s.id, s.body, s.user_id, u.name AS user_name, s.received_at, s.received_at::text AS received_text,
              a.id AS audit_id, a.action AS audit_action, a.comment AS audit_comment, a.created_at AS audit_created_at
         FROM submissions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN LATERAL (
           SELECT * FROM audits WHERE audits.submission_id = s.id ORDER BY recorded_at DESC LIMIT 1
         ) a ON true
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY s.received_at DESC, s.id DESC
        LIMIT $1`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json(
      {
        submissions: page.map((row) => ({
          submission: Submission.parse(row.body),
          user: { id: row.user_id, name: row.user_name },
          receivedAt: row.received_at.toISOString(),
          audit: auditOf(row),
        })),
        ...(rows.length > limit && last ? { nextCursor: cursor.encode(last) } : {}),
      },
      200,
    );
  });
}
