/**
 * The review panel's form state: everything the reviewer has entered, in one
 * plain object that is saved as a draft on every change and turned into a
 * Review on submit. Pure: no React, no browser APIs.
 */
import type { PanelSession } from '@/utils/messages/background';
import { splitSteps } from '@/utils/review/steps';
import type { Evidence, SafetyFlag, Specialty } from '@/utils/schema/clinical';
import type { FINISH_REASONS, PREFERENCES, StepRating } from '@/utils/schema/review';

export type Tab = 'review' | 'steps' | 'rank' | 'pairwise' | 'rubric' | 'prompt';

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
  };
  /** A page review linked to one of the expert's tasks. */
  taskId: string;
  /** Active time spent so far, carried across reopenings of the draft. */
  activeMs: number;
}

/** The text whose steps are rated: the response's reasoning where the page showed it, else its answer. */
export function stepSource(session: PanelSession): { source: 'reasoning' | 'answer'; text: string } {
  const turn = 'turn' in session.focus ? session.capture?.turns[session.focus.turn] : undefined;
  return turn?.reasoning ? { source: 'reasoning', text: turn.reasoning } : { source: 'answer', text: turn?.text ?? '' };
}

export function initialDraft(session: PanelSession): Draft {
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
  return {
    tab,
    review: { rewrite: response?.text ?? '' },
    steps: { source, steps: splitSteps(text).steps.map((step) => ({ text: step })), continuation: '' },
    rank: { order: focus.kind === 'rank' ? [...focus.turns] : [], tied: [] },
    pairwise: {},
    rubric: { met: {}, proposed: [] },
    prompt: { prompt: '', referenceAnswer: '', keyPoints: [''], difficulty: 2 },
    details: { comment: '', safetyFlags: [], evidence: [] },
    taskId: '',
    activeMs: 0,
  };
}

/** A saved draft, if it is one this version of the panel wrote; else a fresh one. */
export function restoreDraft(session: PanelSession): Draft {
  const fresh = initialDraft(session);
  const saved = session.draft as Partial<Draft> | undefined;
  if (!saved || typeof saved !== 'object' || saved.tab === undefined) return fresh;
  return { ...fresh, ...saved };
}
