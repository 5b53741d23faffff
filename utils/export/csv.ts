/**
 * A CSV summary, one line per submission, for spreadsheets and audits.
 * Quoting follows RFC 4180: a field with a comma, a double quote or a line
 * break is enclosed in double quotes, and its quotes are doubled. Lines are
 * meant to be joined with CRLF, the RFC's line break.
 */

import { responseAt } from '../review/blind';
import type { Assessment } from '../schema/assessment';
import type { ExportRecord } from './record';
import { safetyFlagsSummary, verdictSummary } from './summary';

/** One column per standard axis of the clinical assessment, in the form's order. */
const AXES = [
  ['consensus', 'assessment_consensus'],
  ['incorrect', 'assessment_incorrect'],
  ['omission', 'assessment_omission'],
  ['harmExtent', 'assessment_harm_extent'],
  ['harmLikelihood', 'assessment_harm_likelihood'],
  ['triage', 'assessment_triage'],
  ['contextSeeking', 'assessment_context_seeking'],
  ['uncertainty', 'assessment_uncertainty'],
  ['audienceFit', 'assessment_audience_fit'],
  ['bias', 'assessment_bias'],
  ['overall', 'assessment_overall'],
] as const satisfies readonly (readonly [keyof Assessment, string])[];
const ASSESSMENT_COLUMNS = AXES.map(([, column]) => column);

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
  ...ASSESSMENT_COLUMNS,
  'assessment_rationale',
  /** The project's own questions: a JSON object of answers by question id. */
  'assessment_answers',
  /** Passage comments: a JSON array of {turn, category, quote, start, end, comment, correction}. */
  'passages',
  // Last, so that the columns before it keep their places: "true" on a re-rating.
  'rerating',
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
      ...assessmentFields(review.assessment),
      passages: review.passages?.length
        ? JSON.stringify(
            review.passages.map(({ turn, category, quote, start, end, comment, correction }) => ({
              turn,
              category,
              quote: quote.exact,
              start,
              end,
              comment,
              correction,
            })),
          )
        : '',
      rerating: record.rerating ? 'true' : '',
    },
  ];
}

function assessmentFields(assessment: Assessment | undefined): Record<CsvColumn & `assessment_${string}`, string> {
  const axes = Object.fromEntries(AXES.map(([axis, column]) => [column, String(assessment?.[axis] ?? '')]));
  return {
    ...(axes as Record<(typeof ASSESSMENT_COLUMNS)[number], string>),
    assessment_rationale: assessment?.rationale ?? '',
    assessment_answers: assessment?.answers ? JSON.stringify(assessment.answers) : '',
  };
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
