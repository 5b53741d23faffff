/**
 * A CSV summary, one line per submission, for spreadsheets and audits.
 * Quoting follows RFC 4180: a field with a comma, a double quote or a line
 * break is enclosed in double quotes, and its quotes are doubled. Lines are
 * meant to be joined with CRLF, the RFC's line break.
 */
import { responseAt } from '../review/blind';
import type { ExportRecord } from './record';
import { safetyFlagsSummary, verdictSummary } from './summary';

export const CSV_COLUMNS = [
  'id',
  'reviewer',
  'kind',
  'site',
  'url',
  'task_id',
  'created_at',
  'received_at',
  'audit',
  'verdict',
  'safety_flags',
  'specialty',
  'confidence',
  'active_ms',
  'comment',
] as const;

type CsvColumn = (typeof CSV_COLUMNS)[number];

export function csvRows(record: ExportRecord): Record<CsvColumn, string>[] {
  const { submission } = record;
  const { review, capture } = submission;
  return [
    {
      id: submission.id,
      reviewer: record.reviewer,
      kind: review.kind,
      site: capture?.site ?? '',
      url: capture?.url ?? '',
      task_id: submission.taskId ?? '',
      created_at: submission.createdAt,
      received_at: record.receivedAt,
      audit: record.audit ?? '',
      // A task's responses by their ids: each expert of a blind project saw them in an order of their own.
      verdict: verdictSummary(
        review,
        (turn) => (capture && responseAt(record.task, capture, turn)?.id) ?? String(turn),
      ),
      safety_flags: safetyFlagsSummary(review),
      specialty: review.specialty ?? '',
      confidence: review.confidence === undefined ? '' : String(review.confidence),
      active_ms: String(review.activeMs),
      comment: review.comment,
    },
  ];
}

/** One CSV line (without its line break): the row's fields in `CSV_COLUMNS` order, a missing one empty. */
export function csvLine(row: Record<string, string>): string {
  return CSV_COLUMNS.map((column) => csvField(row[column] ?? '')).join(',');
}

/**
 * RFC 4180 quoting; and a field a spreadsheet would run as a formula (starting
 * with = + - @, or a tab or carriage return) is prefixed with a quote mark, as
 * OWASP advises against CSV injection: a reviewer's comment never executes.
 */
function csvField(raw: string): string {
  const value = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
