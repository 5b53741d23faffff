/**
 * Submissions: idempotent batch ingest from the extension's outbox, and the
 * team's list for leads.
 *
 * A batch is one transaction: either every item is stored (or recognised as
 * already stored) or none is. An item that cannot be stored fails the batch
 * with its index in the error path (`submissions.3.taskId`), so the client can
 * set that one item aside and resend the others.
 *
 * A submission for a task answers one of its expert's assignments of it: the
 * first rating or, later, a re-rating (attempt 2, see migration 0008), stored
 * beside the first and never superseding it.
 */
import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { answerProblems } from '../../utils/review/assessment';
import { unmappedComparison } from '../../utils/review/blind';
import {
  ApiError,
  AssessmentConfig,
  type Audit,
  type Question,
  Review,
  Severity,
  Submission,
  SubmissionPage,
  SubmitBatch,
  SubmitBatchResult,
  Task,
} from '../../utils/schema';
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

/** A page's address without its fragment: the same page however it was scrolled or linked. */
function pageUrl(url: string): string {
  return url.split('#')[0] ?? url;
}

const listSubmissions = createRoute({
  method: 'get',
  path: '/v1/submissions',
  summary: "The team's submissions, newest first, filtered for a lead's audit queue (leads and admins)",
  security: bearer,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(50),
      before: z.string().max(200).optional(),
      project: z.uuid().optional(),
      expert: z.uuid().optional(),
      /** Only submissions with a safety flag at least this severe. */
      severity: Severity.optional(),
      /** Only submissions whose task has another submission of a different verdict. */
      disagreement: z.enum(['true', 'false']).optional(),
      /** "none": not audited yet; else the latest audit's action. */
      audit: z.enum(['none', 'accept', 'fix', 'reject', 'return']).optional(),
      /** The reviews of one page (its address, without fragment) … */
      url: z.url().max(8192).optional(),
      /** … or of the platform messages with these ids (comma-separated). */
      messageIds: z.string().max(20_000).optional(),
    }),
  },
  responses: { 200: jsonReply(SubmissionPage, 'One page of submissions'), ...errorResponses },
});

const SEVERITIES = Severity.options;

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

export async function ingestOne(
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
  let questions: Question[] = [];
  let attempt = 1;
  if (submission.taskId !== undefined) {
    // The task's body only in a blind project, where a comparison must name the responses it compares by id.
    const assigned = await tx.query<{ attempt: number; status: string; assessment: unknown; blind_body: unknown }>(
      `SELECT a.attempt, a.status, p.assessment, CASE WHEN p.blind THEN t.body END AS blind_body
         FROM assignments a JOIN tasks t ON t.team_id = a.team_id AND t.id = a.task_id
         LEFT JOIN projects p ON p.id = t.project_id
        WHERE a.team_id = $1 AND a.task_id = $2 AND a.user_id = $3
        ORDER BY a.attempt`,
      [user.teamId, submission.taskId, user.id],
    );
    if (!assigned.length)
      throw invalid([{ path: at('taskId'), message: `No task "${submission.taskId}" is assigned to you` }]);
    // The latest assignment not yet submitted (a re-rating once there is one), else the latest.
    attempt = (assigned.findLast((a) => a.status !== 'submitted') ?? assigned.at(-1))?.attempt ?? 1;
    const [{ assessment, blind_body: blindBody } = { assessment: null, blind_body: null }] = assigned;
    if (assessment) questions = AssessmentConfig.parse(assessment).questions;
    if (blindBody !== null) {
      const problems = unmappedComparison(Task.parse(blindBody), submission);
      if (problems.length) throw invalid(problems.map((p) => ({ ...p, path: at(p.path) })));
    }
  }
  // Answers must be to the questions the task's project asks (a page review's project asks none).
  const answers = answerProblems(questions, submission.review.assessment?.answers, 'server');
  if (answers.length) {
    throw invalid(answers.map(({ id, message }) => ({ path: at(`review.assessment.answers.${id}`), message })));
  }
  if (submission.supersedes !== undefined) {
    const [earlier] = await tx.query<{ task_id: string | null; attempt: number }>(
      'SELECT task_id, attempt FROM submissions WHERE id = $1 AND user_id = $2',
      [submission.supersedes, user.id],
    );
    if (!earlier) {
      throw invalid([{ path: at('supersedes'), message: 'It can only complete an earlier submission of yours' }]);
    }
    // Detail added to a rating completes that rating: a first one stays first, even while a re-rating is open.
    if (earlier.task_id === (submission.taskId ?? null)) attempt = earlier.attempt;
  }
  const [created] = await tx.query<{ received_at: Date }>(
    `INSERT INTO submissions (id, team_id, user_id, task_id, schema_version, body, content_hash, page_url, message_ids, attempt)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10)
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
      submission.capture ? pageUrl(submission.capture.url) : null,
      (submission.capture?.turns ?? []).flatMap((t) => (t.messageId ? [t.messageId] : [])),
      attempt,
    ],
  );
  if (!created) {
    // Stored by a concurrent request between our look-up and our insert.
    const raced = await storedResult(tx, user, submission, hash, index);
    if (raced) return raced;
    throw new Error(`Submission ${submission.id} neither inserted nor found`);
  }
  if (submission.taskId !== undefined) {
    await tx.query(
      `UPDATE assignments SET status = 'submitted', return_comment = NULL
        WHERE team_id = $1 AND task_id = $2 AND user_id = $3 AND attempt = $4`,
      [user.teamId, submission.taskId, user.id, attempt],
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
  audit_review: unknown;
  audit_created_at: Date;
  attempt: number;
  project_id: string | null;
}

function auditOf(row: StoredRow): Audit | undefined {
  if (!row.audit_id) return undefined;
  return {
    id: row.audit_id,
    submissionId: row.id,
    action: row.audit_action,
    comment: row.audit_comment,
    ...(row.audit_review ? { review: Review.parse(row.audit_review) } : {}),
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

/** Submissions with their reviewer and latest audit; `params[0]` is the row limit. */
function storedSubmissions(db: Queryable, where: string[], params: unknown[]): Promise<StoredRow[]> {
  return db.query<StoredRow>(
    `SELECT s.id, s.body, s.user_id, u.name AS user_name, s.received_at, s.received_at::text AS received_text,
            a.id AS audit_id, a.action AS audit_action, a.comment AS audit_comment, a.review AS audit_review,
            a.created_at AS audit_created_at, s.attempt, t.project_id
       FROM submissions s
       JOIN users u ON u.id = s.user_id
       LEFT JOIN tasks t ON t.team_id = s.team_id AND t.id = s.task_id
       LEFT JOIN LATERAL (
         SELECT * FROM audits WHERE audits.submission_id = s.id ORDER BY recorded_at DESC LIMIT 1
       ) a ON true
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY s.received_at DESC, s.id DESC
      LIMIT $1`,
    params,
  );
}

function storedSubmission(row: StoredRow) {
  return {
    submission: Submission.parse(row.body),
    user: { id: row.user_id, name: row.user_name },
    receivedAt: row.received_at.toISOString(),
    audit: auditOf(row),
    ...(row.attempt > 1 ? { rerating: true as const } : {}),
    ...(row.project_id ? { projectId: row.project_id } : {}),
  };
}

const taskReviews = createRoute({
  method: 'get',
  path: '/v1/tasks/{id}/reviews',
  summary:
    'Every review of a task: for leads, always; for an expert, once they submitted their own and only where the project allows calibration',
  security: bearer,
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: {
    200: jsonReply(SubmissionPage, 'The reviews'),
    ...errorResponses,
    404: jsonReply(ApiError, 'No such task in your team'),
  },
});

export function registerSubmissions(app: Api, { db }: Deps): void {
  app.openapi(taskReviews, async (c) => {
    const user = c.get('user');
    const taskId = c.req.valid('param').id;
    // Task ids are per team; an admin sees the task of that id in every team.
    const teamId = user.role === 'admin' ? null : user.teamId;
    const [task] = await db.query<{ allow_calibration: boolean | null }>(
      `SELECT p.allow_calibration FROM tasks t LEFT JOIN projects p ON p.id = t.project_id
        WHERE ($1::uuid IS NULL OR t.team_id = $1) AND t.id = $2 LIMIT 1`,
      [teamId, taskId],
    );
    if (!task) throw new HttpError(404, 'not_found', `No task ${taskId} in your team`);
    if (user.role === 'expert') {
      // Experts judge independently: the others' answers only after their own, and only where allowed.
      const [own] = await db.query('SELECT 1 FROM submissions WHERE team_id = $1 AND task_id = $2 AND user_id = $3', [
        user.teamId,
        taskId,
        user.id,
      ]);
      if (!own) throw new HttpError(403, 'forbidden', 'Submit your own review of this task first');
      // A re-rating is made without the earlier answers, their own included.
      const [rerating] = await db.query(
        `SELECT 1 FROM assignments WHERE team_id = $1 AND task_id = $2 AND user_id = $3 AND attempt > 1
            AND status <> 'submitted'`,
        [user.teamId, taskId, user.id],
      );
      if (rerating) throw new HttpError(403, 'forbidden', 'Submit your re-rating of this task first');
      if (!task.allow_calibration)
        throw new HttpError(403, 'forbidden', "This project does not show experts each other's reviews");
    }
    const rows = await storedSubmissions(
      db,
      ['($2::uuid IS NULL OR s.team_id = $2)', 's.task_id = $3'],
      [500, teamId, taskId],
    );
    return c.json({ submissions: rows.map(storedSubmission) }, 200);
  });

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
    const query = c.req.valid('query');
    const { limit, before } = query;
    const params: unknown[] = [limit + 1];
    const where: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (user.role !== 'admin') where.push(`s.team_id = ${param(user.teamId)}`);
    if (query.project) {
      where.push(
        `s.task_id IN (SELECT id FROM tasks WHERE team_id = s.team_id AND project_id = ${param(query.project)})`,
      );
    }
    if (query.expert) where.push(`s.user_id = ${param(query.expert)}`);
    if (query.severity) {
      const atLeast = SEVERITIES.slice(SEVERITIES.indexOf(query.severity));
      where.push(`EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(s.body -> 'review' -> 'safetyFlags', '[]'::jsonb)) f
                           WHERE f ->> 'severity' = ANY(${param(atLeast)}::text[]))`);
    }
    if (query.disagreement === 'true') {
      // Between experts: a re-rating (attempt 2) is its expert against themselves, not a disagreement.
      where.push(`s.task_id IS NOT NULL AND s.attempt = 1 AND EXISTS (SELECT 1 FROM submissions o
                   WHERE o.team_id = s.team_id AND o.task_id = s.task_id AND o.id <> s.id AND o.attempt = 1
                     AND o.body -> 'review' ->> 'kind' <> s.body -> 'review' ->> 'kind')`);
    }
    if (query.audit === 'none') where.push('a.id IS NULL');
    else if (query.audit) where.push(`a.action = ${param(query.audit)}`);
    const ids = query.messageIds?.split(',').filter(Boolean);
    if (query.url || ids?.length) {
      const byPage = query.url ? `s.page_url = ${param(pageUrl(query.url))}` : 'false';
      const byMessage = ids?.length ? `s.message_ids && ${param(ids)}::text[]` : 'false';
      where.push(`(${byPage} OR ${byMessage})`);
    }
    if (before) {
      const [at, id] = cursor.decode(before);
      where.push(`(s.received_at, s.id) < (${param(at)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows = await storedSubmissions(db, where, params);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json(
      {
        submissions: page.map(storedSubmission),
        ...(rows.length > limit && last ? { nextCursor: cursor.encode(last) } : {}),
      },
      200,
    );
  });
}
