/**
 * One expert's review as a lead audits it: who, how long, what they decided
 * (rewrite as a diff, step labels, ranking, rubric, choice, prompt), their
 * flags and comment, and the latest audit. Everything is rendered as text.
 */
import type { ReactNode } from 'react';
import { i18n } from '#i18n';
import { Diff } from '@/components/Diff';
import { AXIS_QUESTION, FLAG_LABEL, SCALE_LABEL, SEVERITY_LABEL, SPECIALTY_LABEL } from '@/components/labels';
import { MarkedText, PassageItem, placePassages } from '@/components/PassageMarks';
import { rubricScore } from '@/utils/review/rubric';
import { outcomeOf } from '@/utils/review/summary';
import type { StoredSubmission } from '@/utils/schema/api';
import type { Assessment } from '@/utils/schema/assessment';
import type { Capture } from '@/utils/schema/capture';
import type { Review } from '@/utils/schema/review';

function ratingWords(rating: -1 | 0 | 1 | undefined): string {
  switch (rating) {
    case 1:
      return i18n.t('audit.card.ratings.correct');
    case 0:
      return i18n.t('audit.card.ratings.neutral');
    case -1:
      return i18n.t('audit.card.ratings.wrong');
    default:
      return i18n.t('audit.card.notRated');
  }
}

function auditWords(action: NonNullable<StoredSubmission['audit']>['action']): string {
  switch (action) {
    case 'accept':
      return i18n.t('audit.card.audits.accept');
    case 'fix':
      return i18n.t('audit.card.audits.fix');
    case 'reject':
      return i18n.t('audit.card.audits.reject');
    case 'return':
      return i18n.t('audit.card.audits.return');
  }
}

/** Time spent on the task, in seconds under a minute, else in minutes. */
function onTask(ms: number): string {
  const min = Math.round(ms / 60_000);
  return min < 1
    ? i18n.t('audit.card.onTaskSeconds', { seconds: Math.round(ms / 1000) })
    : i18n.t('audit.card.onTaskMinutes', { minutes: min });
}

function KindDetail({ review, capture }: { review: Review; capture: Capture | undefined }) {
  switch (review.kind) {
    case 'approve':
      return null;
    case 'improve':
      return (
        <Diff
          before={capture?.turns[review.turn]?.text ?? ''}
          after={review.rewrite}
          label={i18n.t('audit.card.rewrite')}
        />
      );
    case 'steps':
      return (
        <ol className="steps-audit" aria-label={i18n.t('audit.card.steps')}>
          {review.steps.map((step, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity beyond their place
            <li key={i} className={step.rating === -1 ? 'wrong' : ''}>
              <span className="pill">{ratingWords(step.rating)}</span> <span className="text">{step.text}</span>
              {step.rewrite && (
                <div className="text rewrite">{i18n.t('audit.card.corrected', { text: step.rewrite })}</div>
              )}
            </li>
          ))}
          {review.continuation && (
            <div className="text rewrite">{i18n.t('audit.card.continuation', { text: review.continuation })}</div>
          )}
        </ol>
      );
    case 'rank': {
      const turns = review.ranking.map((r) => r.turn).sort((a, b) => a - b);
      const ordered = [...review.ranking].sort((a, b) => a.rank - b.rank);
      return (
        <ol className="plain-list" aria-label={i18n.t('audit.card.ranking')}>
          {ordered.map((r) => {
            // A response of the capture, named by its place among the responses reviewed together.
            const number = turns.indexOf(r.turn) + 1;
            const model = capture?.turns[r.turn]?.model;
            return (
              <li key={r.turn}>
                {model
                  ? i18n.t('audit.card.rankItemModel', { rank: r.rank, number, model })
                  : i18n.t('audit.card.rankItem', { rank: r.rank, number })}
              </li>
            );
          })}
        </ol>
      );
    }
    case 'pairwise':
      return null;
    case 'rubric': {
      const score = rubricScore(review.criteria);
      return (
        <ul className="plain-list" aria-label={i18n.t('audit.card.rubric')}>
          <li>{i18n.t('audit.card.score', { met: score.met, possible: score.possible })}</li>
          {review.criteria.map((c) => (
            <li key={c.id}>
              {c.met ? '✓' : '✗'} {c.criterion} ({c.points > 0 ? '+' : ''}
              {c.points})
            </li>
          ))}
        </ul>
      );
    }
    case 'prompt':
      return (
        <div className="text">
          <strong>{i18n.t('audit.card.prompt')}</strong> {review.prompt}
          {'\n'}
          <strong>{i18n.t('audit.card.referenceAnswer')}</strong> {review.referenceAnswer}
          {'\n'}
          <strong>{i18n.t('audit.card.keyPoints')}</strong> {review.keyPoints.join('; ')}
        </div>
      );
  }
}

/** The clinical assessment in a few lines: each axis answered, the rationale, the project's questions by id. */
function AssessmentSummary({ assessment }: { assessment: Assessment }) {
  const { rationale, answers = {}, ...axes } = assessment;
  const answered = Object.entries(axes).filter(([, v]) => v !== undefined);
  return (
    <div className="assessment-summary">
      <ul className="plain-list" aria-label={i18n.t('audit.card.assessment')}>
        {answered.map(([axis, value]) => (
          <li key={axis}>
            {AXIS_QUESTION[axis as keyof typeof AXIS_QUESTION]}:{' '}
            {typeof value === 'number' ? `${value}/5` : (SCALE_LABEL[value] ?? value)}
          </li>
        ))}
        {Object.entries(answers).map(([id, answer]) => (
          <li key={id}>
            {id}: {Array.isArray(answer) ? answer.join(', ') : String(answer)}
          </li>
        ))}
      </ul>
      {rationale && <p className="text">{i18n.t('audit.card.rationale', { text: rationale })}</p>}
    </div>
  );
}

/** The expert's passage comments, marked in the response they are about; one no longer found is listed as orphaned. */
function PassagesOf({ review, capture }: { review: Review; capture: Capture | undefined }) {
  const passages = review.passages ?? [];
  if (!passages.length) return null;
  const turn = passages[0]?.turn ?? 0;
  const text = capture?.turns[turn]?.text ?? '';
  const { marks, orphans } = placePassages(text, passages);
  return (
    <details className="passages" open>
      <summary>{i18n.t('audit.card.passages', { count: passages.length })}</summary>
      <MarkedText text={text} marks={marks} label={i18n.t('audit.card.passagesMarked')} />
      <ol className="plain passage-list" aria-label={i18n.t('audit.card.passageList')}>
        {passages.map((p) => (
          <PassageItem key={`${p.start}:${p.end}:${p.category}:${p.comment}`} passage={p}>
            {orphans.includes(p) && <span className="muted"> {i18n.t('audit.card.orphaned')}</span>}
          </PassageItem>
        ))}
      </ol>
    </details>
  );
}

export function ReviewCard({ stored, children }: { stored: StoredSubmission; children?: ReactNode }) {
  const { submission, user, receivedAt, audit, rerating } = stored;
  const { review, capture } = submission;
  return (
    <article className="card review-card" aria-label={`${user.name}: ${outcomeOf(review)}`}>
      <div className="row">
        <strong>{user.name}</strong>
        <span className="pill">{outcomeOf(review)}</span>
        {rerating && (
          <span className="pill" title={i18n.t('audit.card.reratingTitle')}>
            {i18n.t('audit.card.rerating')}
          </span>
        )}
        <span className="muted">
          {[
            onTask(review.activeMs),
            new Date(receivedAt).toLocaleString(),
            ...(review.specialty ? [SPECIALTY_LABEL[review.specialty]] : []),
            ...(review.confidence ? [i18n.t('audit.card.confidence', { confidence: review.confidence })] : []),
          ].join(' · ')}
        </span>
        <span className="spacer" />
        {audit && <span className={`pill audit-${audit.action}`}>{auditWords(audit.action)}</span>}
      </div>
      {review.safetyFlags?.length ? (
        <ul className="plain-list flags" aria-label={i18n.t('audit.card.safetyFlags')}>
          {review.safetyFlags.map((f) => (
            <li key={f.code} className={`severity-${f.severity}`}>
              {f.note
                ? i18n.t('audit.card.flagNote', {
                    label: FLAG_LABEL[f.code],
                    severity: SEVERITY_LABEL[f.severity],
                    note: f.note,
                  })
                : i18n.t('audit.card.flag', { label: FLAG_LABEL[f.code], severity: SEVERITY_LABEL[f.severity] })}
            </li>
          ))}
        </ul>
      ) : null}
      <KindDetail review={review} capture={capture} />
      {review.assessment && <AssessmentSummary assessment={review.assessment} />}
      <PassagesOf review={review} capture={capture} />
      {review.comment && <p className="text">“{review.comment}”</p>}
      {audit?.comment && <p className="text muted">{i18n.t('audit.card.lead', { comment: audit.comment })}</p>}
      {children}
    </article>
  );
}
