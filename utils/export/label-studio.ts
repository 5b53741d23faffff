/**
 * Label Studio JSON import (labelstud.io/guide/task_format): one task per
 * submission, the reviewer's decisions as one finished annotation, so a lead
 * can adjudicate or extend them in Label Studio.
 *
 * Names are those a labeling config would use: object fields in `data`
 * (`prompt`, `response`, `response_a`/`response_b` for a comparison,
 * `response_<turn>` for a ranking, `step_<n>` and `criterion_<n>` counted from
 * 1) and one control per decision (`from_name`), labelling the field it is
 * about (`to_name`); decisions about the whole task label `prompt`. Result
 * types are only `choices`, `textarea` and `rating`.
 *
 * `completed_by` is left out: Label Studio takes its own numeric user id
 * there, which an exported reviewer is not. The reviewer is in `data` instead.
 */
import type { Capture } from '../schema/capture';
import { type Review, reviewedTurns } from '../schema/review';
import { promptMessages, promptText, turnText } from './conversation';
import type { ExportRecord } from './record';
import type { LabelStudioData, LabelStudioResult, LabelStudioTask } from './schemas';

type Fields = Record<string, string>;

/** What a review adds to the task: fields to show and results on them. */
interface Part {
  data: Fields;
  result: LabelStudioResult[];
}

const choices = (name: string, to: string, values: string[]): LabelStudioResult => ({
  id: name,
  from_name: name,
  to_name: to,
  type: 'choices',
  value: { choices: values },
});

const textarea = (name: string, to: string, lines: string[]): LabelStudioResult => ({
  id: name,
  from_name: name,
  to_name: to,
  type: 'textarea',
  value: { text: lines },
});

export function labelStudioRows(record: ExportRecord): LabelStudioTask[] {
  const { submission, reviewer, audit, rerating } = record;
  const { review, capture } = submission;
  const part = capture ? reviewPart(review, capture) : promptPart(review);
  const data: LabelStudioData = {
    submission_id: submission.id,
    reviewer,
    kind: review.kind,
    prompt: capture ? capturePrompt(review, capture) : '',
    ...(audit ? { audit } : {}),
    ...(rerating ? { rerating: 'true' as const } : {}),
    ...part.data,
  };
  return [
    {
      data,
      annotations: [
        {
          result: [
            ...part.result,
            ...passageResults(review, capture, part.data),
            ...assessmentResults(review),
            ...commonResults(review),
          ],
          created_at: submission.createdAt,
          lead_time: review.activeMs / 1000,
        },
      ],
    },
  ];
}

/** The conversation before the reviewed responses; empty when it has no user turn. */
function capturePrompt(review: Review, capture: Capture): string {
  const turns = reviewedTurns(review);
  const prompt = turns.length > 0 ? promptMessages(capture, turns) : undefined;
  return prompt ? promptText(prompt) : '';
}

function reviewPart(review: Review, capture: Capture): Part {
  switch (review.kind) {
    case 'approve':
      return {
        data: { response: turnText(capture, review.turn) },
        result: [choices('verdict', 'response', ['approve'])],
      };
    case 'improve':
      return {
        data: { response: turnText(capture, review.turn) },
        result: [choices('verdict', 'response', ['improve']), textarea('rewrite', 'response', [review.rewrite])],
      };
    case 'pairwise':
      return {
        data: { response_a: turnText(capture, review.a), response_b: turnText(capture, review.b) },
        result: [choices('preference', 'prompt', [review.preference])],
      };
    case 'rank': {
      // Keyed by turn index, so the fields do not depend on the order the ranking lists them in.
      const ranked = [...review.ranking].sort((x, y) => x.turn - y.turn);
      return {
        data: Object.fromEntries(ranked.map((r) => [`response_${r.turn}`, turnText(capture, r.turn)])),
        result: ranked.map((r) => choices(`rank_${r.turn}`, `response_${r.turn}`, [String(r.rank)])),
      };
    }
    case 'steps':
      return stepsPart(review, capture);
    case 'rubric':
      return {
        data: {
          response: turnText(capture, review.turn),
          // As simple-evals prints a rubric item: "[points] criterion".
          ...Object.fromEntries(review.criteria.map((c, i) => [`criterion_${i + 1}`, `[${c.points}] ${c.criterion}`])),
        },
        result: [
          ...review.criteria.map((c, i) =>
            choices(`criterion_${i + 1}`, `criterion_${i + 1}`, [c.met ? 'met' : 'not_met']),
          ),
          ...(review.proposed?.length
            ? [
                textarea(
                  'proposed_criteria',
                  'response',
                  review.proposed.map((c) => `[${c.points}] ${c.criterion}`),
                ),
              ]
            : []),
        ],
      };
    case 'prompt':
      return promptPart(review);
  }
}

function stepsPart(review: Extract<Review, { kind: 'steps' }>, capture: Capture): Part {
  const turn = capture.turns[review.turn];
  const response = review.source === 'reasoning' && turn?.reasoning ? turn.reasoning : turnText(capture, review.turn);
  const result: LabelStudioResult[] = [];
  review.steps.forEach((step, i) => {
    const name = `step_${i + 1}`;
    if (step.rating !== undefined) result.push(choices(name, name, [String(step.rating)]));
    if (step.rewrite !== undefined) result.push(textarea(`${name}_rewrite`, name, [step.rewrite]));
  });
  result.push(choices('finish', 'response', [review.finish]));
  if (review.continuation?.trim()) result.push(textarea('continuation', 'response', [review.continuation]));
  return {
    data: { response, ...Object.fromEntries(review.steps.map((step, i) => [`step_${i + 1}`, step.text])) },
    result,
  };
}

/** A written prompt reviews no page: the prompt is what was written. */
function promptPart(review: Review): Part {
  if (review.kind !== 'prompt') return { data: {}, result: [] };
  return {
    data: { prompt: review.prompt },
    result: [
      textarea('reference_answer', 'prompt', [review.referenceAnswer]),
      textarea('key_points', 'prompt', review.keyPoints),
      choices('difficulty', 'prompt', [String(review.difficulty)]),
    ],
  };
}

/**
 * Passage comments as labelled regions of the response field (the text its
 * offsets index), each with its comment and correction as per-region text
 * areas under the region's id. A passage of a text the task does not show as
 * `response` (a step review of the reasoning) gives no region.
 */
function passageResults(review: Review, capture: Capture | undefined, data: Fields): LabelStudioResult[] {
  return (review.passages ?? []).flatMap((p, i) => {
    const at = capture?.turns[p.turn]?.text.indexOf(p.quote.exact, p.start ?? 0) ?? -1;
    if (at < 0 || data.response !== capture?.turns[p.turn]?.text) return [];
    const id = `passage_${i + 1}`;
    const where = { start: at, end: at + p.quote.exact.length };
    const about = (name: string, line: string): LabelStudioResult => ({
      id,
      from_name: name,
      to_name: 'response',
      type: 'textarea',
      value: { text: [line], ...where },
    });
    return [
      {
        id,
        from_name: 'passage',
        to_name: 'response',
        type: 'labels' as const,
        value: { ...where, text: p.quote.exact, labels: [p.category] },
      },
      ...(p.comment ? [about('passage_comment', p.comment)] : []),
      ...(p.correction ? [about('passage_correction', p.correction)] : []),
    ];
  });
}

/**
 * The clinical assessment, labelling the response: one `assessment_<axis>`
 * choice per axis answered, the rationale, and `answer_<question id>` per
 * project question (choices for options and scale points, text otherwise).
 */
function assessmentResults(review: Review): LabelStudioResult[] {
  const { rationale, answers = {}, ...axes } = review.assessment ?? {};
  const result: LabelStudioResult[] = Object.entries(axes).map(([axis, value]) =>
    choices(`assessment_${axis}`, 'response', [String(value)]),
  );
  if (rationale) result.push(textarea('assessment_rationale', 'response', [rationale]));
  for (const [id, answer] of Object.entries(answers)) {
    const name = `answer_${id}`;
    if (Array.isArray(answer)) {
      if (answer.length) result.push(choices(name, 'response', answer));
    } else if (String(answer).trim()) {
      result.push(
        typeof answer === 'number' ? choices(name, 'response', [String(answer)]) : textarea(name, 'response', [answer]),
      );
    }
  }
  return result;
}

/** What every review can carry, about the task as a whole. */
function commonResults(review: Review): LabelStudioResult[] {
  const result: LabelStudioResult[] = [];
  if (review.specialty) result.push(choices('specialty', 'prompt', [review.specialty]));
  const flags = review.safetyFlags ?? [];
  if (flags.length > 0) {
    result.push(
      choices(
        'safety_flags',
        'prompt',
        flags.map((f) => `${f.code}:${f.severity}`),
      ),
    );
  }
  if (review.confidence !== undefined) {
    result.push({
      id: 'confidence',
      from_name: 'confidence',
      to_name: 'prompt',
      type: 'rating',
      value: { rating: review.confidence },
    });
  }
  if (review.comment.trim()) result.push(textarea('comment', 'prompt', [review.comment]));
  return result;
}
