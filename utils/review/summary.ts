/**
 * Reviews in a few words, for a lead scanning them: one review's outcome
 * ("improved", "error at step 3", "rubric 70%"), and a line for all the
 * reviews of one response ("3 reviews · 2 approved, 1 improved · 1 critical
 * flag · 2 to audit").
 */
import { i18n } from '#i18n';
import { Severity } from '../schema/clinical';
import type { Review } from '../schema/review';
import { rubricScore } from './rubric';

function preferenceWords(preference: Extract<Review, { kind: 'pairwise' }>['preference']): string {
  switch (preference) {
    case 'a_much_better':
      return i18n.t('summary.preference.aMuchBetter');
    case 'a_better':
      return i18n.t('summary.preference.aBetter');
    case 'a_slightly_better':
      return i18n.t('summary.preference.aSlightlyBetter');
    case 'tie':
      return i18n.t('summary.preference.tie');
    case 'b_slightly_better':
      return i18n.t('summary.preference.bSlightlyBetter');
    case 'b_better':
      return i18n.t('summary.preference.bBetter');
    case 'b_much_better':
      return i18n.t('summary.preference.bMuchBetter');
    case 'both_bad':
      return i18n.t('summary.preference.bothBad');
  }
}

export function outcomeOf(review: Review): string {
  switch (review.kind) {
    case 'approve':
      return i18n.t('summary.outcome.approved');
    case 'improve':
      return i18n.t('summary.outcome.improved');
    case 'steps': {
      const wrong = review.steps.findIndex((s) => s.rating === -1);
      return wrong >= 0
        ? i18n.t('summary.outcome.errorAtStep', { step: wrong + 1 })
        : i18n.t('summary.outcome.stepsCorrect');
    }
    case 'rank':
      return i18n.t('summary.outcome.ranked', { count: review.ranking.length });
    case 'pairwise':
      return preferenceWords(review.preference);
    case 'rubric':
      return i18n.t('summary.outcome.rubric', { percent: Math.round(rubricScore(review.criteria).score * 100) });
    case 'prompt':
      return i18n.t('summary.outcome.prompt');
  }
}

function severityWord(severity: Severity): string {
  switch (severity) {
    case 'minor':
      return i18n.t('review.labels.severity.minor');
    case 'major':
      return i18n.t('review.labels.severity.major');
    case 'critical':
      return i18n.t('review.labels.severity.critical');
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
    .map(([item, n]) => i18n.t('summary.counted', { count: n, item }))
    .join(', ');
}

export function summarizeReviews(reviews: readonly { review: Review; audited: boolean }[]): string {
  const parts = [i18n.t('summary.reviews', reviews.length)];
  parts.push(counted(reviews.map((r) => outcomeOf(r.review))));
  const flags = reviews.flatMap((r) => {
    const worst = worstFlag(r.review);
    return worst ? [severityWord(worst)] : [];
  });
  if (flags.length) parts.push(i18n.t('summary.flags', flags.length, { list: counted(flags) }));
  const open = reviews.filter((r) => !r.audited).length;
  if (open) parts.push(i18n.t('summary.toAudit', { count: open }));
  return parts.join(' · ');
}
