/**
 * The head-to-head outcomes a review states, shared by the preference formats
 * (TRL, Chatbot Arena) so that both read a ranking and a pairwise choice the
 * same way.
 */
import type { PREFERENCES, Review } from '../schema/review';

export type Outcome = 'a' | 'b' | 'tie' | 'both_bad';

/** Two responses (turn indexes) and which one won. */
export interface Comparison {
  a: number;
  b: number;
  outcome: Outcome;
}

/** Every strength of a choice counts for its side: the formats exported have no notion of margin. */
const PREFERENCE_OUTCOME: Record<(typeof PREFERENCES)[number], Outcome> = {
  a_much_better: 'a',
  a_better: 'a',
  a_slightly_better: 'a',
  tie: 'tie',
  b_slightly_better: 'b',
  b_better: 'b',
  b_much_better: 'b',
  both_bad: 'both_bad',
};

/**
 * The comparisons of a pairwise or rank review (none for other kinds). A
 * ranking gives every pair of its responses, in turn order (a is the earlier
 * turn), so the order in which the ranking lists them cannot change a row.
 */
export function comparisons(review: Review): Comparison[] {
  if (review.kind === 'pairwise') {
    return [{ a: review.a, b: review.b, outcome: PREFERENCE_OUTCOME[review.preference] }];
  }
  if (review.kind !== 'rank') return [];
  const ranked = [...review.ranking].sort((x, y) => x.turn - y.turn);
  return ranked.flatMap((a, i) =>
    ranked.slice(i + 1).map((b) => ({
      a: a.turn,
      b: b.turn,
      // Rank 1 is best.
      outcome: a.rank < b.rank ? 'a' : a.rank > b.rank ? 'b' : 'tie',
    })),
  );
}

/** The turns a comparison set is about, for finding their common prompt. */
export function comparedTurns(list: readonly Comparison[]): number[] {
  return list.flatMap((c) => [c.a, c.b]);
}
