/** One-line summaries of a review, for tables a person reads (the CSV export). */
import { rubricScore } from '../review/rubric';
import type { Review } from '../schema/review';

/**
 * The decision in a few characters. Responses are named by `name`, by
 * default their turn index, as everywhere in the data: a ranking reads best
 * first ("1>3>2", ties "1=3>2"), a steps review says where the first wrong
 * step is (1-based, as reviewers count steps), a rubric gives points met over
 * points available.
 */
export function verdictSummary(review: Review, name: (turn: number) => string = String): string {
  switch (review.kind) {
    case 'approve':
    case 'improve':
      return review.kind;
    case 'rank':
      return rankingSummary(review.ranking, name);
    case 'pairwise':
      return `${review.preference} (a=${name(review.a)}, b=${name(review.b)})`;
    case 'steps': {
      const wrong = review.steps.findIndex((step) => step.rating === -1);
      return review.finish === 'found_error' && wrong >= 0 ? `found_error at ${wrong + 1}` : review.finish;
    }
    case 'rubric': {
      const { met, possible } = rubricScore(review.criteria);
      return `${met}/${possible}`;
    }
    case 'prompt':
      return 'prompt';
  }
}

function rankingSummary(ranking: readonly { turn: number; rank: number }[], name: (turn: number) => string): string {
  const ranks = [...new Set(ranking.map((r) => r.rank))].sort((a, b) => a - b);
  return ranks
    .map((rank) =>
      ranking
        .filter((r) => r.rank === rank)
        .map((r) => r.turn)
        .sort((a, b) => a - b)
        .map(name)
        .join('='),
    )
    .join('>');
}

/** "code:severity" per flag, ";"-separated. */
export function safetyFlagsSummary(review: Review): string {
  return (review.safetyFlags ?? []).map((flag) => `${flag.code}:${flag.severity}`).join(';');
}
