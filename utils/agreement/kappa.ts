/**
 * Chance-corrected agreement on nominal labels: kappa = (P_o - P_e) / (1 - P_e),
 * the share of the agreement not explained by chance that the raters achieved.
 */
import {
  assertAtLeast,
  assertFiniteNumbers,
  assertLabels,
  assertRectangular,
  assertSameLength,
  at,
  sum,
} from './shared';

type Label = string | number;

/**
 * Fleiss' kappa from a subjects × categories table of how many raters put each
 * subject in each category (every subject rated by the same number of raters,
 * at least 2; the raters need not be the same people across subjects).
 * Returns NaN when every rating falls in one category (chance agreement is 1).
 */
export function fleissKappa(counts: number[][]): number {
  const categories = assertRectangular(counts, 'count table');
  assertAtLeast(counts.length, 1, 'subjects');
  assertAtLeast(categories, 1, 'categories');
  for (const [i, row] of counts.entries()) assertCounts(row, `count table row ${i}`);
  const raters = ratersPerSubject(counts);
  const observed = sum(counts.map((row) => subjectAgreement(row, raters))) / counts.length;
  const total = counts.length * raters;
  const shares = at(counts, 0).map((_, j) => sum(counts.map((row) => at(row, j))) / total);
  const chance = sum(shares.map((p) => p * p));
  return kappa(observed, chance);
}

/** Cohen's kappa for two raters over the same items (any labels, compared with ===). NaN when both raters used one and the same label throughout. */
export function cohenKappa(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  assertSameLength(a, b, "the two raters' label lists");
  assertAtLeast(a.length, 2, 'items');
  assertLabels(a, 'first rater');
  assertLabels(b, 'second rater');
  const n = a.length;
  const observed = a.filter((label, i) => label === b[i]).length / n;
  const countsB = tally(b);
  // Chance agreement: both raters independently picking the same label at their own rates.
  let chance = 0;
  for (const [label, countA] of tally(a)) chance += (countA / n) * ((countsB.get(label) ?? 0) / n);
  return kappa(observed, chance);
}

function kappa(observed: number, chance: number): number {
  if (chance === 1) return Number.NaN;
  return (observed - chance) / (1 - chance);
}

function assertCounts(row: readonly number[], what: string): void {
  assertFiniteNumbers(row, what);
  row.forEach((c, j) => {
    if (c < 0 || !Number.isInteger(c)) throw new RangeError(`${what}: count ${j} must be a non-negative integer`);
  });
}

/** Fleiss' formula assumes a fixed number of ratings per subject; a table that breaks this is malformed. */
function ratersPerSubject(counts: readonly number[][]): number {
  const raters = sum(at(counts, 0));
  counts.forEach((row, i) => {
    const n = sum(row);
    if (n !== raters) throw new RangeError(`count table: subject ${i} has ${n} ratings, subject 0 has ${raters}`);
  });
  assertAtLeast(raters, 2, 'raters per subject');
  return raters;
}

/** Share of the ordered pairs of this subject's raters that agree: sum n_j (n_j - 1) / (n (n - 1)). */
function subjectAgreement(row: readonly number[], raters: number): number {
  return sum(row.map((c) => c * (c - 1))) / (raters * (raters - 1));
}

function tally(labels: readonly Label[]): Map<Label, number> {
  const counts = new Map<Label, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}
