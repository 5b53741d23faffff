import { describe, expect, it } from 'vitest';
import {
  cohenKappa,
  fleissKappa,
  kendallTauB,
  kendallW,
  krippendorffAlpha,
  type Level,
  type ReliabilityData,
} from '../../utils/agreement/stats';

const LEVELS: Level[] = ['nominal', 'ordinal', 'interval'];

/** Sources print reliability data coders × units; the API takes units × coders. */
function byUnit(byCoder: (number | string | null)[][]): ReliabilityData {
  const first = byCoder[0] ?? [];
  return first.map((_, unit) => byCoder.map((row) => row[unit] ?? null));
}

/** Subjects × categories counts from raw ratings (one row per subject, categories 1..k). */
function countTable(ratings: number[][], categories: number): number[][] {
  return ratings.map((row) => Array.from({ length: categories }, (_, j) => row.filter((r) => r === j + 1).length));
}

/** Two raters' label lists from a contingency table (rows: rater A's category, columns: rater B's). */
function fromTable(table: number[][]): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  for (const [i, row] of table.entries()) {
    for (const [j, count] of row.entries()) {
      for (let c = 0; c < count; c++) {
        a.push(i);
        b.push(j);
      }
    }
  }
  return [a, b];
}

const _ = null;

describe('krippendorffAlpha', () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers × 12 units
  // with missing values; published alpha nominal 0.743, ordinal 0.815, interval 0.849. The same matrix and
  // values appear in the R irr/DescTools kripp.alpha examples and the Python `krippendorff` test suite.
  const krippendorff2011 = byUnit([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ]);

  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
  ] as const)('reproduces Krippendorff (2011): %s alpha = %s', (level, published) => {
    expect(krippendorffAlpha(krippendorff2011, level)).toBeCloseTo(published, 3);
  });

  // Wikipedia, "Krippendorff's alpha", computational example: 3 coders × 15 units, much data missing;
  // nominal 0.691 there; the Python `krippendorff` tests give nominal 0.691358 and interval 0.810845.
  const wikipedia = byUnit([
    [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
    [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
    [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
  ]);

  it('reproduces the Wikipedia example (nominal 0.691358, interval 0.810845)', () => {
    expect(krippendorffAlpha(wikipedia, 'nominal')).toBeCloseTo(0.691358, 6);
    expect(krippendorffAlpha(wikipedia, 'interval')).toBeCloseTo(0.810845, 6);
  });

  it.each(LEVELS)('is 1 under perfect agreement, missing ratings included (%s)', (level) => {
    const data = [
      [1, 1, _],
      [2, _, 2],
      [_, 5, 5],
      [3, 3, 3],
      [4, _, _],
    ];
    expect(krippendorffAlpha(data, level)).toBe(1);
  });

  it('gives the hand-computed values when one coder reverses the other', () => {
    // Values 1..4 each occur twice; all 8 pairable values disagree.
    // nominal: 1 - 7 * 8 / 48 = -1/6; interval: 1 - 7 * 40 / 160 = -0.75.
    const data = [
      [1, 4],
      [2, 3],
      [3, 2],
      [4, 1],
    ];
    expect(krippendorffAlpha(data, 'nominal')).toBeCloseTo(-1 / 6, 12);
    expect(krippendorffAlpha(data, 'interval')).toBeCloseTo(-0.75, 12);
  });

  it.each(LEVELS)('does not depend on the order of coders or units (%s)', (level) => {
    const alpha = krippendorffAlpha(krippendorff2011, level);
    const codersPermuted = krippendorff2011.map(([a, b, c, d]) => [c ?? _, a ?? _, d ?? _, b ?? _]);
    const unitsReversed = [...krippendorff2011].reverse();
    expect(krippendorffAlpha(codersPermuted, level)).toBeCloseTo(alpha, 12);
    expect(krippendorffAlpha(unitsReversed, level)).toBeCloseTo(alpha, 12);
  });

  it.each(LEVELS)('ignores units with fewer than two values (%s)', (level) => {
    const alpha = krippendorffAlpha(krippendorff2011, level);
    const padded = [...krippendorff2011, [_, _, _, 1], [_, _, _, _], [4, _, _, _]];
    expect(krippendorffAlpha(padded, level)).toBeCloseTo(alpha, 12);
  });

  it('uses only the order of ordinal values, and the distances of interval ones', () => {
    const recode = new Map([
      [1, 10],
      [2, 11],
      [3, 50],
      [4, 51],
      [5, 400],
    ]);
    const monotone = krippendorff2011.map((row) =>
      row.map((v) => (v === null ? null : (recode.get(v as number) ?? 0))),
    );
    const affine = krippendorff2011.map((row) => row.map((v) => (v === null ? null : 3 * (v as number) - 7)));
    expect(krippendorffAlpha(monotone, 'ordinal')).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(monotone, 'interval')).not.toBeCloseTo(0.849, 2);
    expect(krippendorffAlpha(affine, 'interval')).toBeCloseTo(0.849, 3);
  });

  it('takes string labels at the nominal level', () => {
    const labels = ['absent', 'mild', 'moderate', 'severe', 'critical'];
    const named = krippendorff2011.map((row) =>
      row.map((v) => (v === null ? null : (labels[(v as number) - 1] ?? ''))),
    );
    expect(krippendorffAlpha(named, 'nominal')).toBeCloseTo(0.743, 3);
  });

  it('returns NaN when there is no variation to measure', () => {
    expect(
      krippendorffAlpha(
        [
          [2, 2, _],
          [2, _, 2],
          [4, _, _],
        ],
        'interval',
      ),
    ).toBeNaN();
    expect(
      krippendorffAlpha(
        [
          [1, _],
          [_, 2],
        ],
        'nominal',
      ),
    ).toBeNaN();
  });

  it('rejects malformed reliability data', () => {
    expect(() => krippendorffAlpha([[1, 2], [1]], 'nominal')).toThrow(/ragged/);
    expect(() => krippendorffAlpha([[1], [2]], 'nominal')).toThrow(/at least 2 coders/);
    expect(() => krippendorffAlpha([], 'nominal')).toThrow(/at least 1 units/);
    expect(() => krippendorffAlpha([['low', 'high']], 'ordinal')).toThrow(/ordinal data must be numeric/);
    expect(() => krippendorffAlpha([[1, Number.NaN]], 'interval')).toThrow(/finite/);
    expect(() => krippendorffAlpha([[1, undefined as unknown as null]], 'nominal')).toThrow(/number, a string or null/);
    expect(() => krippendorffAlpha([[1, 2], [1]], 'nominal')).toThrow(RangeError);
  });
});

describe('fleissKappa', () => {
  // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories; kappa = 0.210
  // (also the statsmodels inter_rater test).
  const wikipedia = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];

  // Fleiss (1971), Psychological Bulletin 76(5): 30 patients, 6 psychiatrists each, 5 diagnoses; kappa = 0.430.
  // Raw ratings as in R irr's `diagnoses` data set, where kappam.fleiss gives 0.4302445.
  const diagnoses = [
    [4, 4, 4, 4, 4, 4],
    [2, 2, 2, 5, 5, 5],
    [2, 3, 3, 3, 3, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3],
    [3, 3, 3, 3, 5, 5],
    [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4],
    [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4],
    [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3],
    [1, 4, 4, 4, 4, 4],
    [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5],
    [1, 1, 1, 1, 1, 2],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 4, 4, 4, 4, 4],
    [2, 2, 4, 5, 5, 5],
    [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4],
    [1, 1, 1, 1, 5, 5],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3],
    [5, 5, 5, 5, 5, 5],
  ];

  it('reproduces the Wikipedia worked example (0.210)', () => {
    expect(fleissKappa(wikipedia)).toBeCloseTo(0.21, 3);
  });

  it('reproduces Fleiss (1971) (0.430; irr 0.4302445)', () => {
    const table = countTable(diagnoses, 5);
    // Category totals as in the published table, to show the transcription is intact.
    expect(table.reduce((tot, row) => tot.map((t, j) => t + (row[j] ?? 0)), [0, 0, 0, 0, 0])).toEqual([
      26, 26, 30, 55, 43,
    ]);
    expect(fleissKappa(table)).toBeCloseTo(0.43, 3);
    expect(fleissKappa(table)).toBeCloseTo(0.4302445, 7);
  });

  it("agrees with Krippendorff's nominal alpha up to alpha's small-sample correction", () => {
    // With complete data, 1 - alpha = (n - 1) / n * (1 - kappa), n the number of ratings (here 180).
    const kappa = fleissKappa(countTable(diagnoses, 5));
    const alpha = krippendorffAlpha(diagnoses, 'nominal');
    expect(1 - alpha).toBeCloseTo((179 / 180) * (1 - kappa), 12);
  });

  it('is 1 under perfect agreement and NaN when one category takes every rating', () => {
    expect(
      fleissKappa([
        [3, 0, 0],
        [0, 3, 0],
        [0, 0, 3],
        [3, 0, 0],
      ]),
    ).toBe(1);
    expect(
      fleissKappa([
        [0, 4],
        [0, 4],
      ]),
    ).toBeNaN();
  });

  it('rejects malformed count tables', () => {
    expect(() => fleissKappa([[1, 2], [3]])).toThrow(/ragged/);
    expect(() =>
      fleissKappa([
        [1, 2],
        [2, 2],
      ]),
    ).toThrow(/subject 1 has 4 ratings, subject 0 has 3/);
    expect(() =>
      fleissKappa([
        [1, 0],
        [0, 1],
      ]),
    ).toThrow(/at least 2 raters per subject/);
    expect(() => fleissKappa([[2, -1, 1]])).toThrow(/non-negative integer/);
    expect(() => fleissKappa([[1.5, 0.5]])).toThrow(/non-negative integer/);
    expect(() => fleissKappa([])).toThrow(/at least 1 subjects/);
  });
});

describe('cohenKappa', () => {
  it('reproduces the Wikipedia grant-proposal example (50 items, kappa 0.40)', () => {
    // Both yes 20, A yes / B no 5, A no / B yes 10, both no 15: P_o = 0.70, P_e = 0.50.
    const [a, b] = fromTable([
      [20, 5],
      [10, 15],
    ]);
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 3);
  });

  it('reproduces the SAS PROC FREQ example used by statsmodels (0.4842)', () => {
    const [a, b] = fromTable([
      [0, 4, 1],
      [0, 8, 0],
      [0, 1, 5],
    ]);
    expect(cohenKappa(a, b)).toBeCloseTo(0.4842, 3);
  });

  it("reproduces R irr's kappa2 on the anxiety data, raters 2 and 3 (-0.006289308)", () => {
    const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
    const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];
    expect(cohenKappa(rater2, rater3)).toBeCloseTo(-0.006289308, 8);
  });

  it('is 1 under perfect agreement, -1 when a balanced binary rater is flipped', () => {
    const a = ['yes', 'no', 'yes', 'no', 'no', 'yes'];
    expect(cohenKappa(a, [...a])).toBe(1);
    expect(
      cohenKappa(
        a,
        a.map((v) => (v === 'yes' ? 'no' : 'yes')),
      ),
    ).toBe(-1);
  });

  it('is symmetric and ignores what the labels are called', () => {
    const [a, b] = fromTable([
      [0, 4, 1],
      [0, 8, 0],
      [0, 1, 5],
    ]);
    const names = ['safe', 'unsure', 'unsafe'];
    const rename = (xs: number[]) => xs.map((i) => names[i] ?? '');
    expect(cohenKappa(b, a)).toBeCloseTo(cohenKappa(a, b), 12);
    expect(cohenKappa(rename(a), rename(b))).toBeCloseTo(cohenKappa(a, b), 12);
  });

  it('is NaN when both raters used one label throughout, and rejects malformed input', () => {
    expect(cohenKappa(['ok', 'ok', 'ok'], ['ok', 'ok', 'ok'])).toBeNaN();
    expect(() => cohenKappa([1, 2, 3], [1, 2])).toThrow(/differ in length: 3 vs 2/);
    expect(() => cohenKappa([1], [1])).toThrow(/at least 2 items/);
    expect(() => cohenKappa([1, Number.NaN], [1, 2])).toThrow(/finite number/);
  });
});

describe('kendallTauB', () => {
  it('reproduces the scipy.stats.kendalltau example with ties (-0.47140452079103173)', () => {
    expect(kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])).toBeCloseTo(-0.47140452079103173, 12);
  });

  it('matches a hand count with ties in both rankings', () => {
    // Pairs of x = [1, 2, 2, 3], y = [1, 1, 2, 3]: C = 4, D = 0, tied in x only 1, in y only 1,
    // so tau-b = 4 / sqrt(5 * 5) = 0.8.
    expect(kendallTauB([1, 2, 2, 3], [1, 1, 2, 3])).toBeCloseTo(0.8, 12);
  });

  it('is 1 for the same order, -1 for the reverse, whatever the scale', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(
      kendallTauB(
        x,
        x.map((v) => 10 * v + 2),
      ),
    ).toBe(1);
    expect(
      kendallTauB(
        x,
        x.map((v) => Math.exp(-v)),
      ),
    ).toBe(-1);
  });

  it('is NaN for a constant ranking, and rejects malformed input', () => {
    expect(kendallTauB([1, 2, 3], [2, 2, 2])).toBeNaN();
    expect(() => kendallTauB([1, 2, 3], [1, 2])).toThrow(/differ in length/);
    expect(() => kendallTauB([1], [1])).toThrow(/at least 2 items/);
    expect(() => kendallTauB([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow(/finite number/);
  });
});

describe('kendallW', () => {
  it('reproduces the strawberry example of influentialpoints.com (4 raters, 8 farms, no ties; W = 0.744)', () => {
    const rankings = [
      [8, 4, 2, 3, 5, 1, 6, 7],
      [7, 3, 1, 4, 5, 2, 6, 8],
      [8, 2, 5, 6, 7, 1, 4, 3],
      [8, 3, 4, 2, 5, 1, 6, 7],
    ];
    expect(kendallW(rankings)).toBeCloseTo(0.744, 3);
  });

  it('reproduces the ProofWiki example (4 judges, 3 competitors; W = 1/16)', () => {
    expect(
      kendallW([
        [1, 3, 2],
        [1, 2, 3],
        [2, 3, 1],
        [3, 1, 2],
      ]),
    ).toBeCloseTo(1 / 16, 12);
  });

  it('reproduces the NAG g08daf example with ties (Siegel 1956 data; W = 0.828)', () => {
    const rankings = [
      [1, 4.5, 2, 4.5, 3, 7.5, 6, 9, 7.5, 10],
      [2.5, 1, 2.5, 4.5, 4.5, 8, 9, 6.5, 10, 6.5],
      [2, 1, 4.5, 4.5, 4.5, 4.5, 8, 8, 8, 10],
    ];
    expect(kendallW(rankings)).toBeCloseTo(0.828, 3);
  });

  it('reads dense ranks and scores by their order only', () => {
    const midRanks = [
      [1, 2.5, 2.5, 4],
      [1, 2, 3.5, 3.5],
      [2, 1, 3, 4],
    ];
    const dense = [
      [1, 2, 2, 3],
      [1, 2, 3, 3],
      [2, 1, 3, 4],
    ];
    expect(kendallW(dense)).toBeCloseTo(kendallW(midRanks), 12);
  });

  it('is 1 under perfect agreement (with or without ties), 0 for two opposite rankings', () => {
    expect(
      kendallW([
        [1, 2, 3, 4],
        [1, 2, 3, 4],
        [1, 2, 3, 4],
      ]),
    ).toBeCloseTo(1, 12);
    expect(
      kendallW([
        [1, 1, 2, 3],
        [1, 1, 2, 3],
      ]),
    ).toBeCloseTo(1, 12);
    expect(
      kendallW([
        [1, 2, 3, 4],
        [4, 3, 2, 1],
      ]),
    ).toBeCloseTo(0, 12);
  });

  it('is NaN when nothing was ranked, and rejects malformed input', () => {
    expect(
      kendallW([
        [1, 1, 1],
        [2, 2, 2],
      ]),
    ).toBeNaN();
    expect(() =>
      kendallW([
        [1, 2, 3],
        [1, 2],
      ]),
    ).toThrow(/ragged/);
    expect(() => kendallW([[1, 2, 3]])).toThrow(/at least 2 raters/);
    expect(() => kendallW([[1], [1]])).toThrow(/at least 2 items/);
    expect(() =>
      kendallW([
        [1, Number.NaN],
        [1, 2],
      ]),
    ).toThrow(/finite number/);
  });
});
