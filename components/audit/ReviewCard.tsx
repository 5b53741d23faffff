/**
 * One expert's review as a lead audits it: who, how long, what they decided
 * (rewrite as a diff, step labels, ranking, rubric, choice, prompt), their
 * flags and comment, and the latest audit. Everything is rendered as text.
 */
import type { ReactNode } from 'react';
import { Diff } from '@/components/Diff';
import { AXIS_QUESTION, FLAG_LABEL, SCALE_LABEL, SPECIALTY_LABEL } from '@/components/labels';
import { MarkedText, PassageItem, placePassages } from '@/components/PassageMarks';
import { rubricScore } from '@/utils/review/rubric';
import { outcomeOf } from '@/utils/review/summary';
import type { StoredSubmission } from '@/utils/schema/api';
import type { Assessment } from '@/utils/schema/assessment';
import type { Capture } from '@/utils/schema/capture';
import type { Review } from '@/utils/schema/review';

const RATING = { 1: '+1 correct', 0: '0 neutral', [-1]: '−1 wrong' } as const;

const AUDIT_WORDS = { accept: 'accepted', fix: 'fixed & accepted', reject: 'rejected', return: 'returned' } as const;

function minutes(ms: number): string {
  const min = Math.round(ms / 60_000);
  return min < 1 ? `${Math.round(ms / 1000)} s` : `${min} min`;
}

/** A response of the capture, named by its place among the responses reviewed together. */
function responseName(turns: number[], turn: number): string {
  return `Response ${turns.indexOf(turn) + 1}`;
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
          label="The expert's rewrite against the response"
        />
      );
    case 'steps':
      return (
        <ol className="steps-audit" aria-label="Step labels">
          {review.steps.map((step, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity beyond their place
            <li key={i} className={step.rating === -1 ? 'wrong' : ''}>
              <span className="pill">{step.rating === undefined ? 'not rated' : RATING[step.rating]}</span>{' '}
              <span className="text">{step.text}</span>
              {step.rewrite && <div className="text rewrite">Corrected: {step.rewrite}</div>}
            </li>
          ))}
          {review.continuation && <div className="text rewrite">Continuation: {review.continuation}</div>}
        </ol>
      );
    case 'rank': {
      const turns = review.ranking.map((r) => r.turn).sort((a, b) => a - b);
      const ordered = [...review.ranking].sort((a, b) => a.rank - b.rank);
      return (
        <ol className="plain-list" aria-label="Ranking">
          {ordered.map((r) => (
            <li key={r.turn}>
              #{r.rank} {responseName(turns, r.turn)}
              {capture?.turns[r.turn]?.model ? ` (${capture.turns[r.turn]?.model})` : ''}
            </li>
          ))}
        </ol>
      );
    }
    case 'pairwise':
      return null;
    case 'rubric': {
      const score = rubricScore(review.criteria);
      return (
        <ul className="plain-list" aria-label="Rubric criteria">
          <li>
            Score {score.met} / {score.possible}
          </li>
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
          <strong>Prompt:</strong> {review.prompt}
          {'\n'}
          <strong>Reference answer:</strong> {review.referenceAnswer}
          {'\n'}
          <strong>Key points:</strong> {review.keyPoints.join('; ')}
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
      <ul className="plain-list" aria-label="Clinical assessment">
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
      {rationale && <p className="text">Rationale: {rationale}</p>}
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
      <summary>Passage comments ({passages.length})</summary>
      <MarkedText text={text} marks={marks} label="The response, with the passages commented on" />
      <ol className="plain passage-list" aria-label="Passage comments">
        {passages.map((p) => (
          <PassageItem key={`${p.start}:${p.end}:${p.category}:${p.comment}`} passage={p}>
            {orphans.includes(p) && <span className="muted"> (orphaned: no longer found in the response)</span>}
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
          <span
            className="pill"
            title="The expert's second rating of this task, after a washout, for rater consistency"
          >
            re-rating
          </span>
        )}
        <span className="muted">
          {minutes(review.activeMs)} on task · {new Date(receivedAt).toLocaleString()}
          {review.specialty ? ` · ${SPECIALTY_LABEL[review.specialty]}` : ''}
          {review.confidence ? ` · confidence ${review.confidence}/5` : ''}
        </span>
        <span className="spacer" />
        {audit && <span className={`pill audit-${audit.action}`}>{AUDIT_WORDS[audit.action]}</span>}
      </div>
      {review.safetyFlags?.length ? (
        <ul className="plain-list flags" aria-label="Safety flags">
          {review.safetyFlags.map((f) => (
            <li key={f.code} className={`severity-${f.severity}`}>
              ⚑ {FLAG_LABEL[f.code]} ({f.severity}){f.note ? `: ${f.note}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <KindDetail review={review} capture={capture} />
      {review.assessment && <AssessmentSummary assessment={review.assessment} />}
      <PassagesOf review={review} capture={capture} />
      {review.comment && <p className="text">“{review.comment}”</p>}
      {audit?.comment && <p className="text muted">Lead: {audit.comment}</p>}
      {children}
    </article>
  );
}
