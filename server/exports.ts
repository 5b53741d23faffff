/**
 * Exports as a stream of lines: submissions are read in pages of EXPORT_PAGE
 * (keyset pagination on the time received), converted one by one and written
 * out, so an export of any size runs in bounded memory. Shared by the HTTP
 * endpoint and the command line.
 */
import { createHmac } from 'node:crypto';
import { CSV_COLUMNS, csvLine, type ExportFormat, type ExportOptions, exportRows } from '../utils/export/formats';
import { Review, Submission, Task } from '../utils/schema';
import type { Queryable } from './db/database';

const EXPORT_PAGE = 500;

export interface ExportFilter {
  /** The team whose submissions are exported; null for every team (admins). */
  teamId: string | null;
  projectId?: string;
  from?: string;
  to?: string;
  /** "accepted": only what a lead accepted; "unrejected": all but what a lead rejected. */
  status: 'all' | 'accepted' | 'unrejected';
  pseudonymise: boolean;
}

interface Row {
  id: string;
  body: unknown;
  user_id: string;
  received_at: Date;
  received_text: string;
  audit: 'accept' | 'fix' | 'reject' | 'return' | null;
  audit_review: unknown;
  attempt: number;
  task_body: unknown;
}

async function pseudonymiser(db: Queryable): Promise<(userId: string) => string> {
  const [secret] = await db.query<{ value: string }>("SELECT value FROM server_secrets WHERE name = 'pseudonym_key'");
  if (!secret) throw new Error('The pseudonym key is missing: run the migrations');
  return (userId) => `reviewer-${createHmac('sha256', secret.value).update(userId).digest('hex').slice(0, 16)}`;
}

async function* records(db: Queryable, filter: ExportFilter) {
  const reviewer = filter.pseudonymise ? await pseudonymiser(db) : (id: string) => id;
  let after: [string, string] | undefined;
  for (;;) {
    const params: unknown[] = [EXPORT_PAGE];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['true'];
    if (filter.teamId) where.push(`s.team_id = ${param(filter.teamId)}`);
    if (filter.projectId) {
      where.push(
        `s.task_id IN (SELECT id FROM tasks WHERE team_id = s.team_id AND project_id = ${param(filter.projectId)})`,
      );
    }
    if (filter.from) where.push(`s.received_at >= ${param(filter.from)}::timestamptz`);
    if (filter.to) where.push(`s.received_at < ${param(filter.to)}::timestamptz`);
    if (filter.status === 'accepted') where.push("a.action IN ('accept', 'fix')");
    if (filter.status === 'unrejected') where.push("a.action IS DISTINCT FROM 'reject'");
    if (after) where.push(`(s.received_at, s.id) > (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`);
    const rows = await db.query<Row>(
      `SELECT s.id, s.body, s.user_id, s.received_at, s.received_at::text AS received_text,
              a.action AS audit, a.review AS audit_review, s.attempt, t.body AS task_body
         FROM submissions s
         LEFT JOIN LATERAL (
           SELECT action, review FROM audits WHERE submission_id = s.id ORDER BY recorded_at DESC LIMIT 1
         ) a ON true
         -- The task of a comparison (the expert's or the lead's fix): its responses' models, by the ids the
         -- capture's turns carry.
         LEFT JOIN tasks t ON t.team_id = s.team_id AND t.id = s.task_id
                          AND (s.body -> 'review' ->> 'kind' IN ('rank', 'pairwise')
                               OR a.review ->> 'kind' IN ('rank', 'pairwise'))
        WHERE ${where.join(' AND ')}
        ORDER BY s.received_at, s.id
        LIMIT $1`,
      params,
    );
    for (const row of rows) {
      const submission = Submission.parse(row.body);
      // A lead's fix is the review that counts; the expert's original stays in the database.
      const fixed = row.audit === 'fix' ? Review.parse(row.audit_review) : undefined;
      yield {
        submission: fixed ? { ...submission, review: fixed } : submission,
        reviewer: reviewer(row.user_id),
        receivedAt: row.received_at.toISOString(),
        ...(row.audit ? { audit: row.audit } : {}),
        ...(row.attempt > 1 ? { rerating: true as const } : {}),
        ...(row.task_body !== null ? { task: Task.parse(row.task_body) } : {}),
      };
    }
    const last = rows.at(-1);
    if (!last || rows.length < EXPORT_PAGE) return;
    after = [last.received_text, last.id];
  }
}

/** The export, line by line (each with its line break): JSONL, a CSV with its header, or a JSON array. */
export async function* exportLines(
  db: Queryable,
  format: ExportFormat,
  filter: ExportFilter,
  options: ExportOptions,
): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
  // Label Studio imports one JSON array.
  let first = true;
  if (format === 'label-studio') yield '[\n';
  for await (const record of records(db, filter)) {
    for (const row of exportRows(format, record, options)) {
      if (format === 'csv') yield `${csvLine(row as Record<string, string>)}\r\n`;
      else if (format === 'label-studio') {
        yield `${first ? '' : ',\n'}${JSON.stringify(row)}`;
        first = false;
      } else yield `${JSON.stringify(row)}\n`;
    }
  }
  if (format === 'label-studio') yield '\n]\n';
}

export const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  'label-studio': 'application/json',
  'trl-preference': 'application/x-ndjson',
  'trl-unpaired': 'application/x-ndjson',
  'trl-stepwise': 'application/x-ndjson',
  prm800k: 'application/x-ndjson',
  healthbench: 'application/x-ndjson',
  arena: 'application/x-ndjson',
};
