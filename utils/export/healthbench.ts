/**
 * OpenAI HealthBench (github.com/openai/simple-evals, healthbench_eval.py): a
 * rubric review is a graded sample, with the clinician as the grader. The row
 * carries the example as simple-evals reads it (`prompt_id`, `prompt`,
 * `rubrics`, `example_tags`), so it can be graded again by a model, and the
 * clinician's grades as simple-evals writes a graded sample (`completion`,
 * `rubric_items` with `criteria_met`, `score`).
 */
import { rubricScore } from '../review/rubric';
import { assistant, promptMessages, turnText } from './conversation';
import type { ExportRecord } from './record';
import type { HealthBenchRow } from './schemas';

export function healthBenchRows(record: ExportRecord): HealthBenchRow[] {
  const { capture, review, taskId, id } = record.submission;
  if (!capture || review.kind !== 'rubric') return [];
  const prompt = promptMessages(capture, [review.turn]);
  if (!prompt) return [];
  const rubrics = review.criteria.map(({ criterion, points, tags }) => ({ criterion, points, tags }));
  return [
    {
      // The task is the prompt several reviews grade; a review from a page is its own prompt.
      prompt_id: taskId ?? id,
      prompt,
      completion: assistant(turnText(capture, review.turn)),
      rubrics,
      // simple-evals reads example tags for every example; Attending keeps none.
      example_tags: [],
      rubric_items: review.criteria.map(({ criterion, points, tags, met }) => ({
        criterion,
        points,
        tags,
        criteria_met: met,
      })),
      // Not clipped: HealthBench clips only the mean over examples.
      score: rubricScore(review.criteria).raw,
    },
  ];
}
