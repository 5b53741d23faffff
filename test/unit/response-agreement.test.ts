import { describe, expect, it } from 'vitest';
import { responseAgreement } from '../../utils/agreement/response';
import { outcomeOf, summarizeReviews, worstFlag } from '../../utils/review/summary';
import type { Review } from '../../utils/schema/review';

const base = { comment: '', activeMs: 1000 };
const agree = (reviews: Review[]) => responseAgreement(reviews.map((review) => ({ review })));
const approve: Review = { kind: 'approve', turn: 1, ...base };
const improve: Review = { kind: 'improve', turn: 1, rewrite: 'Better.', ...base };
const steps = (...ratings: (1 | 0 | -1)[]): Review => ({
  kind: 'steps',
  turn: 1,
  source: 'answer',
  steps: ratings.map((rating, i) => ({ text: `Step ${i + 1}`, rating })),
  finish: ratings.includes(-1) ? 'found_error' : 'solution_reached',
  ...base,
});
const rank = (...order: number[]): Review => ({
  kind: 'rank',
  ranking: order.map((turn, i) => ({ turn, rank: i + 1 })),
  ...base,
});

describe('agreement on one response', () => {
  it('gives the share of agreeing pairs for verdicts: 2 approve, 1 improve agree in 1 pair of 3', () => {
    expect(agree([approve, approve, improve])).toEqual([{ measure: 'verdicts', value: 1 / 3, raters: 3 }]);
  });

  it("reads step ratings with Krippendorff's ordinal alpha, one unit per step", () => {
    const [identical] = agree([steps(1, 1, -1, 1), steps(1, 1, -1, 1)]);
    expect(identical?.value).toBe(1);
    const [missed] = agree([steps(1, 1, -1, 1), steps(1, 1, 1, 1)]);
    expect(missed?.measure).toBe('steps');
    expect(missed?.value).toBeLessThan(0.5);
  });

  it("compares rankings of the same responses with Kendall's W, and leaves out rankings of other responses", () => {
    expect(agree([rank(1, 2, 3), rank(1, 2, 3)])[0]?.value).toBe(1);
    expect(agree([rank(1, 2, 3), rank(3, 2, 1)])[0]?.value).toBe(0);
    expect(agree([rank(1, 2, 3), rank(1, 2)])).toEqual([]);
  });

  it('says "not defined" (null) where every expert gave the one same label', () => {
    const [row] = agree([steps(1, 1), steps(1, 1)]);
    expect(row?.value).toBeNull();
  });

  it('needs two experts for anything', () => {
    expect(agree([approve])).toEqual([]);
  });
});

describe('review summaries', () => {
  it('names each outcome in a few words', () => {
    expect(outcomeOf(steps(1, -1, 1))).toBe('error at step 2');
    expect(outcomeOf(improve)).toBe('improved');
  });

  it('finds the worst flag', () => {
    expect(
      worstFlag({
        ...approve,
        safetyFlags: [
          { code: 'overconfident', severity: 'minor' },
          { code: 'dosing_error', severity: 'critical' },
        ],
      }),
    ).toBe('critical');
    expect(worstFlag(approve)).toBeUndefined();
  });

  it('sums up a response for the page overlay', () => {
    const flagged = { ...improve, safetyFlags: [{ code: 'dosing_error' as const, severity: 'major' as const }] };
    expect(
      summarizeReviews([
        { review: approve, audited: true },
        { review: approve, audited: false },
        { review: flagged, audited: false },
      ]),
    ).toBe('3 reviews · 2 approved, 1 improved · 1 major flag · 2 to audit');
  });
});
