/**
 * How far the experts who reviewed one response agree with each other, for
 * the lead auditing it: the share of agreeing pairs for verdicts and pairwise
 * choices (one unit: a chance-corrected statistic is not defined), and
 * Krippendorff's alpha over the units a single response does have (its steps,
 * its rubric criteria), Kendall's W over rankings of the same responses.
 */
import { comparisons } from '../export/comparisons';
import { responseKey } from '../review/blind';
import type { Capture } from '../schema/capture';
import type { Review } from '../schema/review';
import { finite, safe } from './shared';
import { kendallW, krippendorffAlpha } from './stats';

export interface ResponseAgreement {
  /**
   * What was compared, and so by which statistic: verdicts and pairwise choices by agreeing pairs, step
   * ratings by Krippendorff's α (ordinal), rubric criteria met by α (nominal), rankings by Kendall's W.
   */
  measure: 'verdicts' | 'pairwise' | 'steps' | 'rubric' | 'rankings';
  /** null where the data cannot define it (no variation at all, too few units). */
  value: number | null;
  raters: number;
}

/** The share of rater pairs that gave the same label. */
function agreeingPairs(labels: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const n = labels.length;
  let agreeing = 0;
  for (const c of counts.values()) agreeing += c * (c - 1);
  return agreeing / (n * (n - 1));
}

/** What one review is, with what it reviewed: responses are named by responseKey, the same for every expert. */
interface Reviewed {
  review: Review;
  capture?: Capture | undefined;
}

/** The response a pairwise choice prefers (by responseKey, not by side: sides are where it was shown), or tie / both bad. */
function pairwiseChoice({ review, capture }: Reviewed): string | undefined {
  if (review.kind !== 'pairwise') return undefined;
  const [{ a, b, outcome } = { a: 0, b: 0, outcome: 'tie' }] = comparisons(review);
  return outcome === 'a' ? responseKey(capture, a) : outcome === 'b' ? responseKey(capture, b) : outcome;
}

/** Rows of units, one column per review, from each review's value for each unit. */
function byUnit(reviews: readonly Map<string, number>[]) {
  const units = [...new Set(reviews.flatMap((r) => [...r.keys()]))];
  return units.map((u) => reviews.map((r) => r.get(u) ?? null));
}

export function responseAgreement(reviewed: readonly Reviewed[]): ResponseAgreement[] {
  const out: ResponseAgreement[] = [];
  const reviews = reviewed.map((r) => r.review);

  const verdicts = reviews.flatMap((r) => (r.kind === 'approve' || r.kind === 'improve' ? [r.kind] : []));
  if (verdicts.length >= 2) {
    out.push({
      measure: 'verdicts',
      value: agreeingPairs(verdicts),
      raters: verdicts.length,
    });
  }

  const choices = reviewed.flatMap((r) => pairwiseChoice(r) ?? []);
  if (choices.length >= 2) {
    out.push({
      measure: 'pairwise',
      value: agreeingPairs(choices),
      raters: choices.length,
    });
  }

  const steps = reviews.flatMap((r) =>
    r.kind === 'steps'
      ? [new Map(r.steps.flatMap((s, i) => (s.rating === undefined ? [] : [[String(i), s.rating] as const])))]
      : [],
  );
  if (steps.length >= 2) {
    out.push({
      measure: 'steps',
      value: safe(() => finite(krippendorffAlpha(byUnit(steps), 'ordinal'))),
      raters: steps.length,
    });
  }

  const rubrics = reviews.flatMap((r) =>
    r.kind === 'rubric' ? [new Map(r.criteria.map((c) => [c.id, c.met ? 1 : 0] as const))] : [],
  );
  if (rubrics.length >= 2) {
    out.push({
      measure: 'rubric',
      value: safe(() => finite(krippendorffAlpha(byUnit(rubrics), 'nominal'))),
      raters: rubrics.length,
    });
  }

  const rankings = reviewed.flatMap(({ review, capture }) =>
    review.kind === 'rank' ? [new Map(review.ranking.map((x) => [responseKey(capture, x.turn), x.rank]))] : [],
  );
  const turns = rankings[0] ? [...rankings[0].keys()].sort() : [];
  const sameResponses = rankings.every((m) => m.size === turns.length && turns.every((t) => m.has(t)));
  if (rankings.length >= 2 && sameResponses) {
    out.push({
      measure: 'rankings',
      value: safe(() => finite(kendallW(rankings.map((m) => turns.map((t) => m.get(t) ?? 0))))),
      raters: rankings.length,
    });
  }
  return out;
}
