/**
 * OpenAI PRM800K labels (github.com/openai/prm800k): one line per labelled
 * solution, its steps rated −1 / 0 / +1, stopping where the labeler stopped.
 */
import type { FINISH_REASONS, StepRating } from '../schema/review';
import { promptMessages, promptText } from './conversation';
import type { ExportRecord } from './record';
import type { PRM_FINISH_REASONS, Prm800kRow } from './schemas';

const FINISH: Record<(typeof FINISH_REASONS)[number], (typeof PRM_FINISH_REASONS)[number]> = {
  solution_reached: 'solution',
  found_error: 'found_error',
  bad_problem: 'bad_problem',
  gave_up: 'give_up',
};

export function prm800kRows(record: ExportRecord): Prm800kRow[] {
  const { submission, reviewer } = record;
  const { capture, review } = submission;
  if (!capture || review.kind !== 'steps') return [];
  const prompt = promptMessages(capture, [review.turn]);
  if (!prompt) return [];
  // Steps after the reviewer stopped were never labelled: PRM800K leaves them out too.
  const rated = review.steps.flatMap((step) => (step.rating === undefined ? [] : [{ ...step, rating: step.rating }]));
  return [
    {
      labeler: reviewer,
      timestamp: submission.createdAt,
      // Phase-1 style: no PRM chose these solutions, and none is a screening or control question.
      generation: null,
      is_quality_control_question: false,
      is_initial_screening_question: false,
      question: { problem: promptText(prompt), ground_truth_answer: null },
      label: {
        steps: rated.map((step, i) => ({
          completions: [{ text: step.text, rating: step.rating, flagged: null }],
          human_completion: step.rewrite === undefined ? null : { text: step.rewrite },
          chosen_completion: chosenCompletion(step, i === rated.length - 1),
        })),
        total_time: review.activeMs,
        finish_reason: FINISH[review.finish],
      },
    },
  ];
}

/**
 * Which completion the solution continues with: none when the reviewer wrote
 * their own step (PRM800K's human completion), and none when labelling stopped
 * on a wrong step, since no trajectory continues from it.
 */
function chosenCompletion(step: { rating: StepRating; rewrite?: string }, last: boolean): 0 | null {
  if (step.rewrite !== undefined) return null;
  return last && step.rating === -1 ? null : 0;
}
