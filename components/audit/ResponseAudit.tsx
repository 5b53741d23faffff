/**
 * Every expert's review of one response, how far they agree, and the lead's
 * decision on each: the audit overlay, in the panel over a page and on the
 * audit page's replay of a conversation.
 */
import { responseAgreement } from '@/utils/agreement/response';
import type { StoredSubmission } from '@/utils/schema/api';
import { Decision } from './Decision';
import { ReviewCard } from './ReviewCard';

function AgreementLine({ reviews }: { reviews: StoredSubmission[] }) {
  // Between experts: a re-rating is its expert a second time.
  const rows = responseAgreement(reviews.filter((r) => !r.rerating).map((r) => r.submission));
  if (rows.length === 0) return null;
  return (
    <ul className="plain-list agreement" aria-label="Agreement between the experts">
      {rows.map((row) => (
        <li key={row.measure}>
          {row.measure} ({row.raters} experts): {row.statistic}{' '}
          <strong>{row.value === null ? 'not defined (no variation)' : row.value.toFixed(2)}</strong>
        </li>
      ))}
    </ul>
  );
}

export function ResponseAudit({ reviews, onFix }: { reviews: StoredSubmission[]; onFix(sessionId: string): void }) {
  return (
    <section className="response-audit" aria-label={`${reviews.length} reviews of this response`}>
      <AgreementLine reviews={reviews} />
      {reviews.map((stored) => (
        <ReviewCard key={stored.submission.id} stored={stored}>
          <Decision stored={stored} onFix={onFix} />
        </ReviewCard>
      ))}
    </section>
  );
}
