/**
 * Hugging Face TRL datasets (huggingface.co/docs/trl/dataset_formats):
 * conversational preference pairs (DPO, reward modelling), conversational
 * unpaired preference (KTO) and standard stepwise supervision (PRM).
 */
import type { Capture } from '../schema/capture';
import { type Comparison, comparedTurns, comparisons } from './comparisons';
import { assistant, type Message, promptMessages, promptText, turnText } from './conversation';
import type { ExportOptions, ExportRecord } from './record';
import type { TrlPreferenceRow, TrlStepwiseRow, TrlUnpairedRow } from './schemas';

/**
 * Pairs from a ranking or a pairwise choice (better = chosen), and from an
 * improved response (the rewrite chosen over the original).
 */
export function trlPreferenceRows(record: ExportRecord, options: ExportOptions): TrlPreferenceRow[] {
  const { capture, review } = record.submission;
  if (!capture) return [];
  if (review.kind === 'improve') {
    const prompt = promptMessages(capture, [review.turn]);
    if (!prompt) return [];
    return [{ prompt, chosen: assistant(review.rewrite), rejected: assistant(turnText(capture, review.turn)) }];
  }
  const list = comparisons(review);
  if (list.length === 0) return [];
  // The responses of one ranking answer one prompt: the prompt before the earliest of them.
  const prompt = promptMessages(capture, comparedTurns(list));
  if (!prompt) return [];
  return list.flatMap((comparison) => preferenceRow(capture, prompt, comparison, options));
}

function preferenceRow(
  capture: Capture,
  prompt: Message[],
  { a, b, outcome }: Comparison,
  options: ExportOptions,
): TrlPreferenceRow[] {
  const pair = (chosen: number, rejected: number) => ({
    prompt,
    chosen: assistant(turnText(capture, chosen)),
    rejected: assistant(turnText(capture, rejected)),
  });
  switch (outcome) {
    case 'a':
      return [pair(a, b)];
    case 'b':
      return [pair(b, a)];
    default:
      // No winner: nothing to learn a preference from, unless asked to keep it marked.
      return options.ties === 'label' ? [{ ...pair(a, b), label: outcome }] : [];
  }
}

/** An approved response is desirable; an improved one is not, and its rewrite is. */
export function trlUnpairedRows(record: ExportRecord): TrlUnpairedRow[] {
  const { capture, review } = record.submission;
  if (!capture || (review.kind !== 'approve' && review.kind !== 'improve')) return [];
  const prompt = promptMessages(capture, [review.turn]);
  if (!prompt) return [];
  const response = { prompt, completion: assistant(turnText(capture, review.turn)) };
  if (review.kind === 'approve') return [{ ...response, label: true }];
  return [
    { ...response, label: false },
    { prompt, completion: assistant(review.rewrite), label: true },
  ];
}

/**
 * The rated steps of a steps review, each labelled by whether it is right.
 * Steps keep the model's text even where the reviewer rewrote them: the label
 * judges the model's step. PRM800K's 0 means "not wrong, but no progress", so
 * it counts as correct here (as in the usual binary reading of PRM800K); only
 * −1 is a wrong step. Unrated steps (after the reviewer stopped) are left out.
 */
export function trlStepwiseRows(record: ExportRecord): TrlStepwiseRow[] {
  const { capture, review } = record.submission;
  if (!capture || review.kind !== 'steps') return [];
  const prompt = promptMessages(capture, [review.turn]);
  if (!prompt) return [];
  const rated = review.steps.flatMap((step) => (step.rating === undefined ? [] : [{ ...step, rating: step.rating }]));
  return [
    {
      prompt: promptText(prompt),
      completions: rated.map((step) => step.text),
      labels: rated.map((step) => step.rating !== -1),
    },
  ];
}
