/**
 * From the panel's form state to a Review, or to the problems that stop it,
 * each named by the field it is about so the panel can show it in place.
 * Pure: tested without a browser.
 */

import { i18n } from '#i18n';
import { questionProblemLabel, RATIONALE_REASON } from '@/components/labels';
import { denseRanks } from '@/utils/ranking';
import { answerProblems, isEmptyAnswer, rationaleMissing, rationaleReasons } from '@/utils/review/assessment';
import type { Assessment } from '@/utils/schema/assessment';
import { Review } from '@/utils/schema/review';
import { assesses, assessmentConfig, type Draft, type ReviewSession } from './draft';

export interface Problem {
  /** The form field it is about ("rewrite", "steps.2", "preference", …). */
  field: string;
  message: string;
}

export type Built = { ok: true; review: Review } | { ok: false; problems: Problem[] };

/** What the reviewer is submitting on the review tab. */
export type Verdict = 'approve' | 'improve';

/** The assessment as sent: trimmed, empty answers left out; none at all when nothing was answered. */
function assessmentOf(draft: Draft): Assessment | undefined {
  if (!assesses(draft.tab)) return undefined;
  const { rationale, answers = {}, ...axes } = draft.details.assessment;
  const given = Object.entries(answers).filter(([, a]) => !isEmptyAnswer(a));
  const out: Assessment = {
    ...axes,
    ...(rationale?.trim() ? { rationale: rationale.trim() } : {}),
    ...(given.length ? { answers: Object.fromEntries(given) } : {}),
  };
  return Object.keys(out).length ? out : undefined;
}

/** What the assessment still lacks: a rationale owed (a safety flag owes one even with no axis answered), required answers. */
function assessmentProblems(draft: Draft, session: ReviewSession): Problem[] {
  if (!assesses(draft.tab)) return [];
  const assessment = assessmentOf(draft);
  const problems: Problem[] = answerProblems(assessmentConfig(session).questions, assessment?.answers, 'panel').map(
    ({ id, problem }) => ({ field: `answers.${id}`, message: questionProblemLabel(problem) }),
  );
  if (rationaleMissing(assessment, draft.details.safetyFlags)) {
    const why = rationaleReasons(assessment, draft.details.safetyFlags).map((r) => RATIONALE_REASON[r]);
    problems.unshift({
      field: 'rationale',
      message: i18n.t('review.problems.giveRationale', why.length, { reasons: why.join(', ') }),
    });
  }
  return problems;
}

function common(draft: Draft, activeMs: number, phiConfirmed: boolean) {
  const { comment, safetyFlags, specialty, confidence, evidence } = draft.details;
  const assessment = assessmentOf(draft);
  const { passages } = draft.details;
  return {
    comment: comment.trim(),
    activeMs,
    ...(safetyFlags.length
      ? {
          safetyFlags: safetyFlags.map((f) => ({
            code: f.code,
            severity: f.severity,
            ...(f.note?.trim() ? { note: f.note.trim() } : {}),
          })),
        }
      : {}),
    ...(specialty ? { specialty } : {}),
    ...(confidence ? { confidence } : {}),
    ...(evidence.length ? { evidence } : {}),
    ...(assessment ? { assessment } : {}),
    ...(assesses(draft.tab) && passages.length ? { passages } : {}),
    ...(phiConfirmed ? { phiConfirmed: true as const } : {}),
  };
}

function kindPart(draft: Draft, session: ReviewSession, verdict: Verdict): Record<string, unknown> | Problem[] {
  const { focus } = session;
  switch (draft.tab) {
    case 'review': {
      if (focus.kind !== 'response') return [{ field: 'tab', message: i18n.t('review.problems.nothingToReview') }];
      if (verdict === 'approve') return { kind: 'approve', turn: focus.turn };
      const original = session.capture?.turns[focus.turn]?.text.trim();
      if (draft.review.rewrite.trim() === original) {
        return [{ field: 'rewrite', message: i18n.t('review.problems.editOrApprove') }];
      }
      return { kind: 'improve', turn: focus.turn, rewrite: draft.review.rewrite };
    }
    case 'steps': {
      if (focus.kind !== 'response') return [{ field: 'tab', message: i18n.t('review.problems.noSteps') }];
      const { steps, finish, continuation, source } = draft.steps;
      const problems: Problem[] = [];
      if (steps[0]?.rating === undefined)
        problems.push({ field: 'steps.0', message: i18n.t('review.problems.rateFirstStep') });
      if (!finish) problems.push({ field: 'finish', message: i18n.t('review.problems.sayHowEnded') });
      if (finish === 'found_error' && !steps.some((s) => s.rating === -1)) {
        problems.push({ field: 'finish', message: i18n.t('review.problems.markWrongStep') });
      }
      steps.forEach((step, i) => {
        if (step.rewrite !== undefined && !step.rewrite.trim()) {
          problems.push({ field: `steps.${i}`, message: i18n.t('review.problems.correctStep', { number: i + 1 }) });
        }
      });
      if (problems.length) return problems;
      // Rated steps come first; the reviewer may have stopped (at the first error).
      const firstUnrated = steps.findIndex((s) => s.rating === undefined);
      return {
        kind: 'steps',
        turn: focus.turn,
        source,
        steps: steps.map((s, i) =>
          firstUnrated >= 0 && i >= firstUnrated
            ? { text: s.text }
            : { text: s.text, rating: s.rating, ...(s.rewrite?.trim() ? { rewrite: s.rewrite.trim() } : {}) },
        ),
        finish,
        ...(continuation.trim() ? { continuation: continuation.trim() } : {}),
      };
    }
    case 'rank': {
      const { order, tied } = draft.rank;
      if (session.task?.rationaleRequired && !draft.details.comment.trim()) {
        return [{ field: 'comment', message: i18n.t('review.problems.rationaleAsked') }];
      }
      let rank = 0;
      const ranks = order.map((_, i) => (i > 0 && tied[i] ? rank : ++rank));
      const dense = denseRanks(ranks);
      return { kind: 'rank', ranking: order.map((turn, i) => ({ turn, rank: dense[i] ?? 1 })) };
    }
    case 'pairwise': {
      if (focus.kind !== 'rank' || focus.turns.length !== 2)
        return [{ field: 'tab', message: i18n.t('review.problems.twoResponses') }];
      if (!draft.pairwise.preference)
        return [{ field: 'preference', message: i18n.t('review.problems.choosePreference') }];
      if (session.task?.rationaleRequired && !draft.details.comment.trim()) {
        return [{ field: 'comment', message: i18n.t('review.problems.rationaleAsked') }];
      }
      return { kind: 'pairwise', a: focus.turns[0], b: focus.turns[1], preference: draft.pairwise.preference };
    }
    case 'rubric': {
      if (focus.kind !== 'rubric') return [{ field: 'tab', message: i18n.t('review.problems.noRubric') }];
      const proposed = draft.rubric.proposed
        .filter((p) => p.criterion.trim())
        .map((p) => ({ criterion: p.criterion.trim(), points: p.points, tags: ['level:example', `axis:${p.axis}`] }));
      return {
        kind: 'rubric',
        turn: focus.turn,
        criteria: focus.rubric.map((c) => ({ ...c, met: draft.rubric.met[c.id] === true })),
        ...(proposed.length ? { proposed } : {}),
      };
    }
    case 'prompt': {
      const { prompt, referenceAnswer, keyPoints, difficulty, specialty } = draft.prompt;
      const problems: Problem[] = [];
      if (!prompt.trim()) problems.push({ field: 'prompt', message: i18n.t('review.problems.writePrompt') });
      if (!referenceAnswer.trim())
        problems.push({ field: 'referenceAnswer', message: i18n.t('review.problems.writeReferenceAnswer') });
      const points = keyPoints.map((k) => k.trim()).filter(Boolean);
      if (points.length === 0) problems.push({ field: 'keyPoints', message: i18n.t('review.problems.listKeyPoint') });
      if (!specialty) problems.push({ field: 'specialty', message: i18n.t('review.problems.chooseSpecialty') });
      if (problems.length) return problems;
      return {
        kind: 'prompt',
        prompt: prompt.trim(),
        referenceAnswer: referenceAnswer.trim(),
        keyPoints: points,
        difficulty,
        specialty,
      };
    }
  }
}

export function buildReview(
  draft: Draft,
  session: ReviewSession,
  options: { verdict: Verdict; activeMs: number; phiConfirmed: boolean },
): Built {
  const part = kindPart(draft, session, options.verdict);
  const assessment = assessmentProblems(draft, session);
  if (Array.isArray(part) || assessment.length)
    return { ok: false, problems: [...(Array.isArray(part) ? part : []), ...assessment] };
  // The prompt kind carries the specialty itself; the details' one is the reviewer's for the others.
  const parsed = Review.safeParse({ ...common(draft, options.activeMs, options.phiConfirmed), ...part });
  if (parsed.success) return { ok: true, review: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
  };
}

/** Everything the reviewer wrote, by field, for the PHI guard. */
/** What the reviewer wrote that the review will carry (a rewrite only when improving: approving sends none). */
export function writtenTexts(
  draft: Draft,
  tab: Draft['tab'],
  verdict: Verdict,
): { field: string; label: string; text: string }[] {
  const out: { field: string; label: string; text: string }[] = [];
  const add = (field: string, label: string, text: string | undefined) => {
    if (text?.trim()) out.push({ field, label, text });
  };
  if (tab === 'review' && verdict === 'improve') add('rewrite', i18n.t('review.written.rewrite'), draft.review.rewrite);
  if (tab === 'steps') {
    for (const [i, s] of draft.steps.steps.entries())
      add(`steps.${i}`, i18n.t('review.written.correctedStep', { number: i + 1 }), s.rewrite);
    add('continuation', i18n.t('review.written.correctedContinuation'), draft.steps.continuation);
  }
  if (tab === 'rubric') {
    for (const [i, p] of draft.rubric.proposed.entries())
      add(`proposed.${i}`, i18n.t('review.written.proposedCriterion', { number: i + 1 }), p.criterion);
  }
  if (tab === 'prompt') {
    add('prompt', i18n.t('review.written.prompt'), draft.prompt.prompt);
    add('referenceAnswer', i18n.t('review.written.referenceAnswer'), draft.prompt.referenceAnswer);
    for (const [i, k] of draft.prompt.keyPoints.entries())
      add(`keyPoints.${i}`, i18n.t('review.written.keyPoint', { number: i + 1 }), k);
  }
  if (assesses(tab)) {
    const { rationale, answers = {} } = draft.details.assessment;
    add('rationale', i18n.t('review.written.rationale'), rationale);
    for (const [id, answer] of Object.entries(answers))
      if (typeof answer === 'string') add(`answers.${id}`, i18n.t('review.written.answer'), answer);
    for (const [i, p] of draft.details.passages.entries()) {
      add(`passages.${i}`, i18n.t('review.written.passageComment', { number: i + 1 }), p.comment);
      add(`passages.${i}`, i18n.t('review.written.passageCorrection', { number: i + 1 }), p.correction);
    }
  }
  add('comment', i18n.t('review.written.comment'), draft.details.comment);
  for (const f of draft.details.safetyFlags) add(`flag.${f.code}`, i18n.t('review.written.flagNote'), f.note);
  return out;
}
