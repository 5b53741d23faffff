/**
 * Reviews in a few words, for a lead scanning them: one review's outcome
 * ("improved", "error at step 3", "rubric 70%"), and a line for all the
 * reviews of one response ("3 reviews · 2 approved, 1 improved · 1 critical
 * flag · 2 to audit").
 */
import { Severity } from '../schema/clinical';
import type { Review } from '../schema/review';
import { rubricScore } from './rubric';

const PREFERENCE_WORDS: Record<Extract<Review, { kind: 'pairwise' }>['preference'], string> = {
  a_much_better: 'A much better',
  a_better: 'A better',
  a_slightly_better: 'A slightly better',
  tie: 'tie',
  b_slightly_better: 'B slightly better',
  b_better: 'B better',
  b_much_better: 'B much better',
  both_bad: 'both bad',
};

export function outcomeOf(review: Review): string {
  switch (review.kind) {
    case 'approve':
      return 'approved';
    case 'improve':
      return 'improved';
    case 'steps': {
      const wrong = review.steps.findIndex((s) => s.rating === -1);
      return wrong >= 0 ? `error at step ${wrong + 1}` : 'steps correct';
    }
    case 'rank':
      return `ranked ${review.ranking.length}`;
    case 'pairwise':
      return PREFERENCE_WORDS[review.preference];
    case 'rubric':
      return `rubric ${Math.round(rubricScore(review.criteria).score * 100)}%`;
    case 'prompt':
      return 'prompt written';
  }
}

/** The most severe safety flag a review raised. */
export function worstFlag(review: Review): Severity | undefined {
  const order = Severity.options;
  const severities = (review.safetyFlags ?? []).map((f) => order.indexOf(f.severity));
  return severities.length ? order[Math.max(...severities)] : undefined;
}

function counted(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  // Most frequent first, then alphabetical: the same reviews read the same whatever their order.
  return [...counts]
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .map(([item, n]) => `${n} ${item}`)
    .join(', ');
}

export function summarizeReviews(reviews: readonly { review: Review; audited: boolean }[]): string {
  const parts = [`${reviews.length} review${reviews.length === 1 ? '' : 's'}`];
  parts.push(counted(reviews.map((r) => outcomeOf(r.review))));
  const flags = reviews.flatMap((r) => {
    const worst = worstFlag(r.review);
    return worst ? [worst] : [];
  });
  if (flags.length) parts.push(`${counted(flags)} flag${flags.length === 1 ? '' : 's'}`);
  const open = reviews.filter((r) => !r.audited).length;
  if (open) parts.push(`${open} to audit`);
  return parts.join(' · ');
}
