/**
 * Every expert's review of one response, how far they agree, and the lead's
 * decision on each: the audit overlay, in the panel over a page and on the
 * audit page's replay of a conversation.
 */
import { i18n } from '#i18n';
import { type ResponseAgreement, responseAgreement } from '@/utils/agreement/response';
import type { StoredSubmission } from '@/utils/schema/api';
import { Decision } from './Decision';
import { ReviewCard } from './ReviewCard';

/** What was compared, by how many experts, and by which statistic: the words before the value. */
function measured(row: ResponseAgreement): string {
  switch (row.measure) {
    case 'verdicts':
      return i18n.t('audit.agreement.verdicts', row.raters);
    case 'pairwise':
      return i18n.t('audit.agreement.pairwise', row.raters);
    case 'steps':
      return i18n.t('audit.agreement.steps', row.raters);
    case 'rubric':
      return i18n.t('audit.agreement.rubric', row.raters);
    case 'rankings':
      return i18n.t('audit.agreement.rankings', row.raters);
  }
}

function AgreementLine({ reviews }: { reviews: StoredSubmission[] }) {
  // Between experts: a re-rating is its expert a second time.
  const rows = responseAgreement(reviews.filter((r) => !r.rerating).map((r) => r.submission));
  if (rows.length === 0) return null;
  return (
    <ul className="plain-list agreement" aria-label={i18n.t('audit.agreement.label')}>
      {rows.map((row) => (
        <li key={row.measure}>
          {measured(row)}{' '}
          <strong>{row.value === null ? i18n.t('audit.agreement.notDefined') : row.value.toFixed(2)}</strong>
        </li>
      ))}
    </ul>
  );
}

export function ResponseAudit({ reviews, onFix }: { reviews: StoredSubmission[]; onFix(sessionId: string): void }) {
  return (
    <section className="response-audit" aria-label={i18n.t('audit.agreement.reviews', reviews.length)}>
      <AgreementLine reviews={reviews} />
      {reviews.map((stored) => (
        <ReviewCard key={stored.submission.id} stored={stored}>
          <Decision stored={stored} onFix={onFix} />
        </ReviewCard>
      ))}
    </section>
  );
}
