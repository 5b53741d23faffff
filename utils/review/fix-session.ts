/**
 * What the review panel opens on when a lead corrects ("fix & accept") an
 * expert's review: the expert's capture, and the focus their kind of review
 * was made on, so that the panel shows the same form, filled in with the
 * expert's answers.
 */
import type { PanelFocus } from '../messages/background';
import type { Review } from '../schema/review';

export function fixFocus(review: Review): PanelFocus {
  switch (review.kind) {
    case 'approve':
    case 'improve':
      return { kind: 'response', turn: review.turn, start: 'review' };
    case 'steps':
      return { kind: 'response', turn: review.turn, start: 'steps' };
    case 'rank':
      return { kind: 'rank', turns: review.ranking.map((r) => r.turn).sort((a, b) => a - b) };
    case 'pairwise':
      return { kind: 'rank', turns: [review.a, review.b] };
    case 'rubric':
      return {
        kind: 'rubric',
        turn: review.turn,
        rubric: review.criteria.map(({ met: _, ...criterion }) => criterion),
      };
    case 'prompt':
      return {
        kind: 'prompt',
        instructions: 'Correct the expert’s prompt, reference answer and key points.',
        requirements: [],
      };
  }
}
