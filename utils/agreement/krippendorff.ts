/**
 * Krippendorff's alpha, following Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability": alpha = 1 - Do / De, with the observed
 * (Do) and expected (De) disagreement both read off one coincidence matrix.
 */
import { assertAtLeast, assertRectangular, at, sum } from './shared';

/** Reliability data: one row per unit (item rated), one column per coder; null = that coder did not rate that unit. */
export type ReliabilityData = (number | string | null)[][];
export type Level = 'nominal' | 'ordinal' | 'interval';

type Value = number | string;

/** How often each value was given to one unit. */
type UnitCounts = Map<Value, number>;

/** Squared difference between the values at two indices of the sorted value list. */
type Delta = (c: number, k: number) => number;

/**
 * Krippendorff's alpha; missing data allowed; units with fewer than 2 values
 * are not pairable and are ignored. Ordinal uses the ranks of the values
 * present (Krippendorff's ordinal metric on the frequencies of values).
 *
 * 1 is perfect agreement, 0 agreement at chance level, negative systematic
 * disagreement. Returns NaN when there is no variation to measure: no unit has
 * two values, or every pairable value is the same (expected disagreement 0).
 *
 * Nominal accepts strings and numbers (compared with ===); ordinal and
 * interval need finite numbers.
 */
export function krippendorffAlpha(data: ReliabilityData, level: Level): number {
  const coders = assertRectangular(data, 'reliability data');
  assertAtLeast(data.length, 1, 'units');
  assertAtLeast(coders, 2, 'coders (columns)');
  const units = data.map((row, u) => unitCounts(row, u, level)).filter(isPairable);
  const values = distinctValues(units, level);
  const coincidences = coincidenceMatrix(units, values);
  const marginals = coincidences.map(sum);
  const delta = differenceFunction(level, values, marginals);
  return alphaFrom(coincidences, marginals, delta);
}

function unitCounts(row: readonly (Value | null)[], unit: number, level: Level): UnitCounts {
  const counts: UnitCounts = new Map();
  row.forEach((value, coder) => {
    if (value === null) return;
    assertValue(value, level, unit, coder);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  });
  return counts;
}

function assertValue(value: unknown, level: Level, unit: number, coder: number): void {
  const where = `reliability data: unit ${unit}, coder ${coder}`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${where} must be finite, got ${value}`);
    return;
  }
  if (typeof value !== 'string') throw new RangeError(`${where} must be a number, a string or null`);
  if (level !== 'nominal') throw new RangeError(`${where}: ${level} data must be numeric, got "${value}"`);
}

/** A unit with a single value has no one to agree or disagree with, so it says nothing about reliability. */
function isPairable(counts: UnitCounts): boolean {
  return sum([...counts.values()]) >= 2;
}

/** Every value that occurs in a pairable unit; sorted for the metrics that need an order. */
function distinctValues(units: readonly UnitCounts[], level: Level): Value[] {
  const values = [...new Set(units.flatMap((counts) => [...counts.keys()]))];
  if (level === 'nominal') return values;
  return (values as number[]).sort((a, b) => a - b);
}

/**
 * The coincidence matrix o[c][k]: how often value c was paired with value k
 * within a unit, over all ordered pairs of values from different coders.
 *
 * Why this construction: a unit coded by m_u coders yields m_u (m_u - 1)
 * ordered pairs, and dividing each unit's pairs by (m_u - 1) makes the unit
 * contribute exactly m_u to the matrix total, one per value it holds. Units
 * with many coders therefore weigh no more per value than units with few,
 * which is what lets alpha use incomplete data. The matrix is symmetric and
 * its row sums n_c are the frequencies of the pairable values.
 *
 * With n_uc the count of value c in unit u, the ordered pairs (c, k) number
 * n_uc * n_uk for c != k, and n_uc * (n_uc - 1) for c = k (a value is not
 * paired with itself).
 */
function coincidenceMatrix(units: readonly UnitCounts[], values: readonly Value[]): number[][] {
  const position = positions(values);
  const matrix = values.map(() => new Array<number>(values.length).fill(0));
  for (const counts of units) {
    const weight = 1 / (sum([...counts.values()]) - 1);
    for (const [c, countC] of counts) {
      const row = at(matrix, position(c));
      for (const [k, countK] of counts) {
        const col = position(k);
        const pairs = c === k ? countC * (countC - 1) : countC * countK;
        row[col] = at(row, col) + pairs * weight;
      }
    }
  }
  return matrix;
}

function positions(values: readonly Value[]): (value: Value) => number {
  const index = new Map(values.map((v, i) => [v, i]));
  return (value) => {
    const i = index.get(value);
    if (i === undefined) throw new RangeError(`value ${String(value)} is not among the pairable values`);
    return i;
  };
}

function differenceFunction(level: Level, values: readonly Value[], marginals: readonly number[]): Delta {
  if (level === 'nominal') return (c, k) => (c === k ? 0 : 1);
  if (level === 'interval') return intervalDelta(values as readonly number[]);
  return ordinalDelta(marginals);
}

/** Squared distance between the values themselves. */
function intervalDelta(values: readonly number[]): Delta {
  return (c, k) => (at(values, c) - at(values, k)) ** 2;
}

/**
 * Krippendorff's ordinal metric: the distance between two ranks is the number
 * of pairable values lying between them, counting the two endpoints' own
 * frequencies half each,
 *   delta(c, k) = (n_c + ... + n_k - (n_c + n_k) / 2)^2.
 * Why: only the order of ordinal values means anything, so distance is
 * measured in how much of the observed data separates them, not in the gap
 * between the numbers. A value nobody used adds nothing, and any order
 * preserving recoding of the values leaves alpha unchanged.
 */
function ordinalDelta(marginals: readonly number[]): Delta {
  // before[i] = n_0 + ... + n_{i-1}, so the inclusive sum from lo to hi is before[hi + 1] - before[lo].
  const before = [0];
  for (const n of marginals) before.push(at(before, before.length - 1) + n);
  return (c, k) => {
    const lo = Math.min(c, k);
    const hi = Math.max(c, k);
    const spanned = at(before, hi + 1) - at(before, lo);
    return (spanned - (at(marginals, lo) + at(marginals, hi)) / 2) ** 2;
  };
}

/**
 * alpha = 1 - Do / De with Do = (1 / n) sum o_ck delta_ck and
 * De = (1 / (n (n - 1))) sum n_c n_k delta_ck; the two 1/n factors cancel to
 * the (n - 1) below. n - 1 rather than n because a value cannot be paired with
 * itself, which keeps alpha unbiased on small samples.
 */
function alphaFrom(coincidences: readonly number[][], marginals: readonly number[], delta: Delta): number {
  const n = sum(marginals);
  let observed = 0;
  let expected = 0;
  coincidences.forEach((row, c) => {
    row.forEach((o, k) => {
      const d = delta(c, k);
      observed += o * d;
      expected += at(marginals, c) * at(marginals, k) * d;
    });
  });
  if (expected === 0) return Number.NaN;
  return 1 - ((n - 1) * observed) / expected;
}
