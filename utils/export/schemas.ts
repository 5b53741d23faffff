/**
 * What each exported row must be, one schema per format. The converters are
 * typed from these, and the tests validate every row they produce against
 * them, so a row that a consumer would reject fails here first.
 *
 * Sources of the shapes (field names only; checked against the published material):
 * - TRL dataset formats (huggingface.co/docs/trl/dataset_formats): conversational
 *   preference and unpaired preference, standard stepwise supervision.
 * - PRM800K (github.com/openai/prm800k, README's annotated line).
 * - HealthBench (github.com/openai/simple-evals, healthbench_eval.py): an example's
 *   `prompt`, `rubrics`, `example_tags`, `prompt_id`; a graded sample's `completion`,
 *   `rubric_items` (the rubric item plus `criteria_met`) and `score`.
 * - Chatbot Arena battles (lmsys/chatbot_arena_conversations columns).
 * - Label Studio JSON tasks with annotations (labelstud.io/guide/task_format, /guide/predictions).
 */
import { z } from 'zod';
import { rubricScore } from '../review/rubric';
import { AuditAction } from '../schema/audit';
import { CSV_COLUMNS } from './csv';
import type { ExportFormat } from './record';

const text = z.string().min(1);

/**
 * A re-rating (the reviewer's second rating of the same item, for rater consistency) is marked with
 * `rerating: true` in every JSON format (in Label Studio's task data, and in the CSV, "true"); the key is
 * absent from every other row, so their shape stays the format's own.
 */
const marks = { rerating: z.literal(true).optional() };

const Message = z.strictObject({ role: z.enum(['user', 'assistant']), content: text });

/** A conversation that ends with the user turn the completion answers. */
const Prompt = z
  .array(Message)
  .min(1)
  .refine((messages) => messages.at(-1)?.role === 'user', 'A prompt ends with the user turn being answered');

/** One assistant message. */
const Completion = z.tuple([z.strictObject({ role: z.literal('assistant'), content: text })]);

const TrlPreferenceRow = z.strictObject({
  prompt: Prompt,
  chosen: Completion,
  rejected: Completion,
  /** Only with `ties: 'label'`, on a comparison without a winner; chosen/rejected are then just first/second. */
  label: z.enum(['tie', 'both_bad']).optional(),
  ...marks,
});
export type TrlPreferenceRow = z.infer<typeof TrlPreferenceRow>;

const TrlUnpairedRow = z.strictObject({ prompt: Prompt, completion: Completion, label: z.boolean(), ...marks });
export type TrlUnpairedRow = z.infer<typeof TrlUnpairedRow>;

const TrlStepwiseRow = z
  .strictObject({ prompt: text, completions: z.array(text).min(1), labels: z.array(z.boolean()), ...marks })
  .refine((row) => row.labels.length === row.completions.length, 'One label per step');
export type TrlStepwiseRow = z.infer<typeof TrlStepwiseRow>;

export const PRM_FINISH_REASONS = ['solution', 'found_error', 'bad_problem', 'give_up'] as const;

const Prm800kStep = z
  .strictObject({
    completions: z.tuple([
      z.strictObject({
        text,
        rating: z.union([z.literal(1), z.literal(0), z.literal(-1)]),
        flagged: z.null(),
      }),
    ]),
    human_completion: z.strictObject({ text }).nullable(),
    chosen_completion: z.literal(0).nullable(),
  })
  // PRM800K: the trajectory continues with the human's step exactly when no completion was chosen.
  .refine(
    (step) => step.human_completion === null || step.chosen_completion === null,
    'A step with a human completion chose no model completion',
  );

const Prm800kRow = z.strictObject({
  labeler: text,
  timestamp: z.iso.datetime(),
  generation: z.null(),
  is_quality_control_question: z.literal(false),
  is_initial_screening_question: z.literal(false),
  question: z.strictObject({ problem: text, ground_truth_answer: z.null() }),
  label: z.strictObject({
    steps: z.array(Prm800kStep).min(1),
    /** Milliseconds. */
    total_time: z.int().min(0),
    finish_reason: z.enum(PRM_FINISH_REASONS),
  }),
  ...marks,
});
export type Prm800kRow = z.infer<typeof Prm800kRow>;

const RubricItem = z.strictObject({ criterion: text, points: z.number(), tags: z.array(z.string()) });

const HealthBenchRow = z
  .strictObject({
    prompt_id: text,
    prompt: Prompt,
    completion: Completion,
    rubrics: z.array(RubricItem).min(1),
    example_tags: z.array(z.string()),
    rubric_items: z.array(RubricItem.extend({ criteria_met: z.boolean() })).min(1),
    score: z.number(),
    ...marks,
  })
  .refine(
    (row) =>
      row.rubric_items.length === row.rubrics.length &&
      row.rubric_items.every((item, i) => item.criterion === row.rubrics[i]?.criterion),
    'The grades follow the rubric, item by item',
  )
  .refine(
    (row) => row.score === rubricScore(row.rubric_items.map((i) => ({ ...i, met: i.criteria_met }))).raw,
    'The score is the points met over the positive points, unclipped',
  );
export type HealthBenchRow = z.infer<typeof HealthBenchRow>;

/** The whole conversation one side of a battle had: the prompt, then its answer. */
const ArenaConversation = z
  .array(Message)
  .min(2)
  .refine((messages) => messages.at(-1)?.role === 'assistant', 'A battle side ends with its answer');

export const ARENA_WINNERS = ['model_a', 'model_b', 'tie', 'tie (bothbad)'] as const;

const ArenaRow = z.strictObject({
  question_id: text,
  model_a: text,
  model_b: text,
  winner: z.enum(ARENA_WINNERS),
  conversation_a: ArenaConversation,
  conversation_b: ArenaConversation,
  judge: text,
  /** How many user turns the conversations hold; the vote is on the answers to the last. */
  turn: z.int().min(1),
  /** Unix time in seconds. */
  tstamp: z.number().positive(),
  ...marks,
});
export type ArenaRow = z.infer<typeof ArenaRow>;

/** Label Studio region ids: letters, digits, _ and -. */
const regionId = z.string().regex(/^[A-Za-z0-9_-]+$/);
const region = { id: regionId, from_name: text, to_name: text };

/** A span of a text field, for results about a region of it. */
const span = { start: z.int().min(0), end: z.int().min(1) };

const LabelStudioResult = z.discriminatedUnion('type', [
  z.strictObject({ ...region, type: z.literal('choices'), value: z.strictObject({ choices: z.array(text).min(1) }) }),
  z.strictObject({
    ...region,
    type: z.literal('textarea'),
    // With a span: the text is about that region (a per-region text area shares the region's id).
    value: z.strictObject({ text: z.array(text).min(1), ...span }).partial({ start: true, end: true }),
  }),
  /** A labelled region of a text field: `text` is the field's text from `start` to `end`. */
  z.strictObject({
    ...region,
    type: z.literal('labels'),
    value: z.strictObject({ ...span, text, labels: z.array(text).min(1) }),
  }),
  z.strictObject({ ...region, type: z.literal('rating'), value: z.strictObject({ rating: z.int().min(1).max(5) }) }),
]);
export type LabelStudioResult = z.infer<typeof LabelStudioResult>;

const LabelStudioTask = z
  .strictObject({
    data: z
      .object({
        submission_id: z.uuid(),
        reviewer: text,
        kind: text,
        prompt: z.string(),
        audit: AuditAction.optional(),
        /** Task data are the strings a labeling config shows: the mark is "true" here, as in the CSV. */
        rerating: z.literal('true').optional(),
      })
      // The responses, steps and criteria, each under its own key for the labeling config to show.
      .catchall(z.string()),
    annotations: z.tuple([
      z.strictObject({
        result: z.array(LabelStudioResult),
        created_at: z.iso.datetime(),
        /** Seconds, as Label Studio counts labeling time. */
        lead_time: z.number().min(0),
      }),
    ]),
  })
  .refine(
    (task) => task.annotations[0].result.every((r) => r.to_name in task.data),
    'Every result labels a field of the task data',
  )
  .refine(
    (task) =>
      task.annotations[0].result.every((r) => {
        if (r.type !== 'labels') return true;
        const field = task.data[r.to_name];
        return typeof field === 'string' && field.slice(r.value.start, r.value.end) === r.value.text;
      }),
    'A labelled region is the text of its field at its offsets',
  )
  .refine((task) => {
    // Results of one region share its id (a label and its comment), one per control.
    const keys = task.annotations[0].result.map((r) => `${r.id}|${r.from_name}`);
    return new Set(keys).size === keys.length;
  }, 'Result ids are unique per control');
export type LabelStudioTask = z.infer<typeof LabelStudioTask>;
export type LabelStudioData = LabelStudioTask['data'];

const CsvRow = z.strictObject(Object.fromEntries(CSV_COLUMNS.map((column) => [column, z.string()])));

/** The schema of one row of each format. */
export const ROW_SCHEMAS: Record<ExportFormat, z.ZodType> = {
  'trl-preference': TrlPreferenceRow,
  'trl-unpaired': TrlUnpairedRow,
  'trl-stepwise': TrlStepwiseRow,
  prm800k: Prm800kRow,
  healthbench: HealthBenchRow,
  arena: ArenaRow,
  'label-studio': LabelStudioTask,
  csv: CsvRow,
};
