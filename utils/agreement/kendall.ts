/** Kendall's rank statistics: tau-b for two rankings, W for many. */
import {
  assertAtLeast,
  assertFiniteNumbers,
  assertRectangular,
  assertSameLength,
  at,
  midRanks,
  sum,
  tieGroupSizes,
} from './shared';

/**
 * Kendall's tau-b between two rankings/scorings of the same items (handles
 * ties): (C - D) / sqrt((C + D + Tx) (C + D + Ty)), with C and D the concordant
 * and discordant pairs and Tx (Ty) the pairs tied in x (y) only. Pairs tied in
 * both count nowhere. Only the order of the values matters.
 * Returns NaN when either input is constant (no pair can be ordered).
 * Compares all pairs, O(n²): fine for the hundreds of items a rater labels.
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  assertSameLength(x, y, 'the two rankings');
  assertAtLeast(x.length, 2, 'items');
  assertFiniteNumbers(x, 'first ranking');
  assertFiniteNumbers(y, 'second ranking');
  const { concordant, discordant, tiedXOnly, tiedYOnly } = pairCounts(x, y);
  const untiedInX = concordant + discordant + tiedYOnly;
  const untiedInY = concordant + discordant + tiedXOnly;
  if (untiedInX === 0 || untiedInY === 0) return Number.NaN;
  return (concordant - discordant) / Math.sqrt(untiedInX * untiedInY);
}

function pairCounts(x: readonly number[], y: readonly number[]) {
  const counts = { concordant: 0, discordant: 0, tiedXOnly: 0, tiedYOnly: 0 };
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(at(x, i) - at(x, j));
      const dy = Math.sign(at(y, i) - at(y, j));
      if (dx * dy > 0) counts.concordant++;
      else if (dx * dy < 0) counts.discordant++;
      else if (dx === 0 && dy !== 0) counts.tiedXOnly++;
      else if (dy === 0 && dx !== 0) counts.tiedYOnly++;
    }
  }
  return counts;
}

/**
 * Kendall's coefficient of concordance W for m raters ranking n items
 * (rankings[rater][item], smaller = better; ties allowed, with the tie
 * correction):
 *   W = 12 S / (m² (n³ - n) - m T),
 * S the squared deviations of the items' rank sums from their mean and
 * T = sum over raters and tie groups of (t³ - t).
 * Each rater's row is first converted to mid-ranks, so scores or dense ranks
 * (1, 1, 2) may be passed as they are: only their order counts.
 * 0 is no agreement, 1 identical rankings. Returns NaN when every rater tied
 * every item (nothing was ranked).
 */
export function kendallW(rankings: readonly (readonly number[])[]): number {
  const items = assertRectangular(rankings, 'rankings');
  assertAtLeast(rankings.length, 2, 'raters');
  assertAtLeast(items, 2, 'items');
  for (const [i, row] of rankings.entries()) assertFiniteNumbers(row, `rankings of rater ${i}`);
  const ranked = rankings.map(midRanks);
  const m = ranked.length;
  const n = items;
  const rankSums = at(ranked, 0).map((_, item) => sum(ranked.map((row) => at(row, item))));
  const mean = (m * (n + 1)) / 2;
  const s = sum(rankSums.map((r) => (r - mean) ** 2));
  // Ties shrink the spread of a rater's ranks, so the largest possible S is smaller; the correction lowers the denominator to match.
  const ties = sum(ranked.flatMap((row) => tieGroupSizes(row).map((t) => t ** 3 - t)));
  const denominator = m * m * (n ** 3 - n) - m * ties;
  if (denominator === 0) return Number.NaN;
  return (12 * s) / denominator;
}
