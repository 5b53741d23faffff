/**
 * Dense ranks (1, 1, 2 …) from any ranks where smaller is better: the same
 * order, ties kept, no gaps. The schema accepts only dense ranks, so each
 * ordering has one representation.
 */
export function denseRanks(ranks: number[]): number[] {
  const distinct = [...new Set(ranks)].sort((a, b) => a - b);
  return ranks.map((r) => distinct.indexOf(r) + 1);
}
