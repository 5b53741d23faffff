/** What an export reads: one stored submission with who made it and the lead's decision. */
import type { AuditAction } from '../schema/audit';
import type { Submission } from '../schema/submission';
import type { Task } from '../schema/task';

export const EXPORT_FORMATS = [
  'trl-preference',
  'trl-unpaired',
  'trl-stepwise',
  'prm800k',
  'healthbench',
  'arena',
  'label-studio',
  'csv',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRecord {
  submission: Submission;
  /** The reviewer as exported: an id, or a pseudonym when identities are hidden. */
  reviewer: string;
  /** When the server received the submission (ISO time). */
  receivedAt: string;
  /** The lead's latest decision, if any. */
  audit?: AuditAction;
  /**
   * The reviewer's second rating of the task (a re-rating, for rater consistency): the same item labelled
   * again by the same person, so a training set can leave it out or weigh it; every format marks it.
   */
  rerating?: true;
  /**
   * The task the submission fulfils, as stored (models included), for the
   * comparisons: a response is known by the id its capture turn carries, since
   * each expert of a blind project saw the responses in an order of their own.
   */
  task?: Task;
}

export interface ExportOptions {
  /**
   * What a comparison without a winner ("tie", "both bad", equal ranks) becomes in
   * trl-preference: no row, or a row marked with `label` (chosen/rejected then only
   * say which response came first).
   */
  ties: 'exclude' | 'label';
}
