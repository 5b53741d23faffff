/**
 * The review panel's form state: everything the reviewer has entered, in one
 * plain object that is saved as a draft on every change and turned into a
 * Review on submit. Pure: no React, no browser APIs.
 */

import { anchorPassage, describePassage } from '@/utils/anchoring/text-quote';
import type { PanelFocus, PanelSession } from '@/utils/messages/background';
import { splitSteps } from '@/utils/review/steps';
import { type Assessment, AssessmentConfig } from '@/utils/schema/assessment';
import type { Evidence, SafetyFlag, Specialty } from '@/utils/schema/clinical';
import type { PassageComment } from '@/utils/schema/passage';
import type { FINISH_REASONS, PREFERENCES, Review, StepRating } from '@/utils/schema/review';
import type { PassageDraft } from './Passages';

export type Tab = 'review' | 'steps' | 'rank' | 'pairwise' | 'rubric' | 'prompt';

/** A session the review form opens on: anything but a lead's audit of a page's reviews. */
export type ReviewSession = PanelSession & { focus: Exclude<PanelFocus, { kind: 'audit' }> };

export function isReviewSession(session: PanelSession): session is ReviewSession {
  return session.focus.kind !== 'audit';
}

export interface StepDraft {
  text: string;
  rating?: StepRating;
  /** The corrected step; present while the reviewer is improving it. */
  rewrite?: string;
}

export interface Draft {
  tab: Tab;
  review: { rewrite: string };
  steps: {
    source: 'reasoning' | 'answer';
    steps: StepDraft[];
    finish?: (typeof FINISH_REASONS)[number];
    continuation: string;
  };
  /** Turn indexes, best first; `tied[i]`: item i is as good as item i − 1. */
  rank: { order: number[]; tied: boolean[] };
  pairwise: { preference?: (typeof PREFERENCES)[number] };
  rubric: { met: Record<string, boolean>; proposed: { criterion: string; points: number; axis: string }[] };
  prompt: { prompt: string; referenceAnswer: string; keyPoints: string[]; difficulty: number; specialty?: Specialty };
  details: {
    comment: string;
    safetyFlags: SafetyFlag[];
    specialty?: Specialty;
    confidence?: number;
    evidence: Evidence[];
    /** The clinical assessment, sent with reviews of one response (see `assesses`). */
    assessment: Assessment;
    /** Comments on passages of the response, sent with reviews of one response. */
    passages: PassageComment[];
  };
  /** A passage comment being written. */
  editingPassage?: PassageDraft;
  /** A page review linked to one of the expert's tasks. */
  taskId: string;
  /** Active time spent so far, carried across reopenings of the draft. */
  activeMs: number;
}

/** The tabs that review one response, and so carry its clinical assessment. */
export function assesses(tab: Tab): boolean {
  return tab === 'review' || tab === 'steps' || tab === 'rubric';
}

const EVERY_AXIS = AssessmentConfig.parse({});

/** What the assessment asks: the task's project's choice, else every standard axis and no questions. */
export function assessmentConfig(session: ReviewSession): AssessmentConfig {
  return session.assessment ?? EVERY_AXIS;
}

/** The text whose steps are rated: the response's reasoning where the page showed it, else its answer. */
export function stepSource(session: ReviewSession): { source: 'reasoning' | 'answer'; text: string } {
  const turn = 'turn' in session.focus ? session.capture?.turns[session.focus.turn] : undefined;
  return turn?.reasoning ? { source: 'reasoning', text: turn.reasoning } : { source: 'answer', text: turn?.text ?? '' };
}

export function initialDraft(session: ReviewSession): Draft {
  const { focus, capture } = session;
  const tab: Tab =
    focus.kind === 'response'
      ? focus.start
      : focus.kind === 'rank'
        ? focus.turns.length === 2
          ? 'pairwise'
          : 'rank'
        : focus.kind;
  const response = 'turn' in focus ? capture?.turns[focus.turn] : undefined;
  const { source, text } = stepSource(session);
  const editingPassage = selectedPassage(session);
  return {
    ...(editingPassage ? { editingPassage } : {}),
    tab,
    review: { rewrite: response?.text ?? '' },
    steps: { source, steps: splitSteps(text).steps.map((step) => ({ text: step })), continuation: '' },
    rank: { order: focus.kind === 'rank' ? [...focus.turns] : [], tied: [] },
    pairwise: {},
    rubric: { met: {}, proposed: [] },
    prompt: { prompt: '', referenceAnswer: '', keyPoints: [''], difficulty: 2 },
    details: { comment: '', safetyFlags: [], evidence: [], assessment: {}, passages: [] },
    taskId: '',
    activeMs: 0,
  };
}

/**
 * The words selected on the page, found again in the captured text (the page
 * quoted its own rendering; the capture is text with light markdown), as a
 * passage comment to write; none if the quote is not found.
 */
function selectedPassage(session: ReviewSession): PassageDraft | undefined {
  const { focus, capture } = session;
  if (focus.kind !== 'response' || !focus.passage) return undefined;
  const text = capture?.turns[focus.turn]?.text ?? '';
  const anchor = anchorPassage(text, { quote: focus.passage });
  const described = anchor && describePassage(text, anchor.start, anchor.end);
  return described
    ? { turn: focus.turn, ...described, category: 'factual_error', comment: '', correction: '' }
    : undefined;
}

/** The form filled in with a review: a lead fixing an expert's review starts from the expert's answers. */
export function draftFromReview(session: ReviewSession, review: Review): Draft {
  const fresh = initialDraft(session);
  const { comment, safetyFlags, specialty, confidence, evidence, assessment, passages } = review;
  const draft: Draft = {
    ...fresh,
    details: {
      comment,
      safetyFlags: safetyFlags ?? [],
      ...(specialty && review.kind !== 'prompt' ? { specialty } : {}),
      ...(confidence ? { confidence } : {}),
      evidence: evidence ?? [],
      assessment: assessment ?? {},
      passages: passages ?? [],
    },
  };
  switch (review.kind) {
    case 'approve':
      return { ...draft, tab: 'review' };
    case 'improve':
      return { ...draft, tab: 'review', review: { rewrite: review.rewrite } };
    case 'steps':
      return {
        ...draft,
        tab: 'steps',
        steps: {
          source: review.source,
          steps: review.steps.map((s) => ({
            text: s.text,
            ...(s.rating !== undefined ? { rating: s.rating } : {}),
            ...(s.rewrite ? { rewrite: s.rewrite } : {}),
          })),
          ...(review.finish ? { finish: review.finish } : {}),
          continuation: review.continuation ?? '',
        },
      };
    case 'rank': {
      const ranked = [...review.ranking].sort((a, b) => a.rank - b.rank || a.turn - b.turn);
      return {
        ...draft,
        tab: 'rank',
        rank: { order: ranked.map((r) => r.turn), tied: ranked.map((r, i) => i > 0 && r.rank === ranked[i - 1]?.rank) },
      };
    }
    case 'pairwise':
      return { ...draft, tab: 'pairwise', pairwise: { preference: review.preference } };
    case 'rubric':
      return {
        ...draft,
        tab: 'rubric',
        rubric: {
          met: Object.fromEntries(review.criteria.map((c) => [c.id, c.met])),
          proposed: (review.proposed ?? []).map((p) => ({
            criterion: p.criterion,
            points: p.points,
            axis: p.tags.find((t) => t.startsWith('axis:'))?.slice(5) ?? 'accuracy',
          })),
        },
      };
    case 'prompt':
      return {
        ...draft,
        tab: 'prompt',
        prompt: {
          prompt: review.prompt,
          referenceAnswer: review.referenceAnswer,
          keyPoints: review.keyPoints,
          difficulty: review.difficulty,
          specialty: review.specialty,
        },
      };
  }
}

/** A saved draft, if it is one this version of the panel wrote; else a fresh one (or the review being fixed). */
export function restoreDraft(session: ReviewSession): Draft {
  const fresh = session.fix ? draftFromReview(session, session.fix.review) : initialDraft(session);
  const saved = session.draft as Partial<Draft> | undefined;
  if (!saved || typeof saved !== 'object' || saved.tab === undefined) return fresh;
  // Field by field in the details too: a draft saved before a field existed lacks it.
  const restored = { ...fresh, ...saved, details: { ...fresh.details, ...saved.details } };
  // A task submitted since (from its own tab, say) is no longer offered, and the review is not sent for it.
  if (!session.tasks.some((t) => t.id === restored.taskId)) restored.taskId = '';
  // Words just selected on the page are what the reviewer came to comment on.
  return fresh.editingPassage ? { ...restored, editingPassage: fresh.editingPassage } : restored;
}
