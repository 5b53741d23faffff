/**
 * Input checks and rank helpers shared by the agreement statistics. Every
 * check throws a RangeError, so callers can tell malformed input (a bug in
 * whoever assembled the table) from a statistic that is merely undefined for
 * the data (NaN).
 */

/** Reads an index the caller has already bounded, without a silent default. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} is out of bounds (length ${items.length})`);
  return item;
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

export function assertAtLeast(count: number, min: number, what: string): void {
  if (count < min) throw new RangeError(`need at least ${min} ${what}, got ${count}`);
}

export function assertSameLength(a: readonly unknown[], b: readonly unknown[], what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what} differ in length: ${a.length} vs ${b.length}`);
}

/** Throws unless every row has the length of the first; returns that width (0 for no rows). */
export function assertRectangular(rows: readonly (readonly unknown[])[], what: string): number {
  const width = rows[0]?.length ?? 0;
  rows.forEach((row, i) => {
    if (!Array.isArray(row)) throw new RangeError(`${what}: row ${i} is not an array`);
    if (row.length !== width) {
      throw new RangeError(`${what} is ragged: row ${i} has ${row.length} entries, row 0 has ${width}`);
    }
  });
  return width;
}

export function assertFiniteNumbers(values: readonly unknown[], what: string): void {
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${what}: entry ${i} must be a finite number, got ${String(v)}`);
    }
  });
}

/** Labels compare with ===, so NaN (never equal to itself) would silently count as disagreement. */
export function assertLabels(labels: readonly unknown[], what: string): void {
  labels.forEach((v, i) => {
    const ok = typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
    if (!ok) throw new RangeError(`${what}: entry ${i} must be a string or a finite number, got ${String(v)}`);
  });
}

/**
 * Ranks 1..n with ties given the mean of the ranks they span (1, 2.5, 2.5, 4).
 * Any order-preserving input (scores, dense ranks 1, 1, 2, …) yields the same
 * mid-ranks, which is what the rank statistics and their tie corrections assume.
 */
export function midRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((p, q) => p.value - q.value);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && at(order, end + 1).value === at(order, start).value) end++;
    // Positions start..end (0-based) hold ranks start+1..end+1; their mean:
    const rank = (start + end + 2) / 2;
    for (let i = start; i <= end; i++) ranks[at(order, i).index] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Sizes of the groups of equal values (only groups of two or more matter for tie corrections). */
export function tieGroupSizes(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()].filter((t) => t > 1);
}

/** A statistic's value, or null where the data cannot define it (NaN, infinite). */
export const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The statistic, or null when its input is out of its domain (too few raters, items…). */
export function safe<T>(compute: () => T): T | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}
