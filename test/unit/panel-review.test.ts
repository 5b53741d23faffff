import { describe, expect, it } from 'vitest';
import { buildReview, writtenTexts } from '../../components/panel/build-review';
import {
  type Draft,
  draftFromReview,
  initialDraft,
  type ReviewSession,
  restoreDraft,
} from '../../components/panel/draft';
import type { PanelSession } from '../../utils/messages/background';
import { Review } from '../../utils/schema/review';
import { sampleCapture } from './support/samples';

const capture = sampleCapture();
const cot = 'Step 1: SIRS is positive.\n\nStep 2: qSOFA is 1.\n\nStep 3: So she is not septic.';
const cotCapture = {
  ...capture,
  turns: [capture.turns[0], { ...capture.turns[1], text: cot, anchor: { exact: cot, prefix: '', suffix: '' } }],
} as PanelSession['capture'];

function session(focus: ReviewSession['focus'], extra: Partial<Omit<PanelSession, 'focus'>> = {}): ReviewSession {
  return { capture: focus.kind === 'response' ? cotCapture : capture, tasks: [], ...extra, focus };
}
const options = { verdict: 'improve' as const, activeMs: 5000, phiConfirmed: false };
const problemsOf = (built: ReturnType<typeof buildReview>) => (built.ok ? [] : built.problems.map((p) => p.field));

describe('the panel turns its form into a review', () => {
  it('rates steps PRM800K-style: three rated, the second improved, stopping at the first error', () => {
    const s = session({ kind: 'response', turn: 1, start: 'steps' });
    const draft = initialDraft(s);
    expect(draft.steps.steps.map((x) => x.text)).toEqual(['SIRS is positive.', 'qSOFA is 1.', 'So she is not septic.']);
    const rated: Draft = {
      ...draft,
      steps: {
        ...draft.steps,
        steps: [
          { text: 'SIRS is positive.', rating: 1 },
          { text: 'qSOFA is 1.', rating: 0, rewrite: 'qSOFA is 2: RR ≥22 and SBP ≤100.' },
          { text: 'So she is not septic.', rating: -1 },
        ],
        finish: 'found_error',
      },
    };
    const built = buildReview(rated, s, options);
    expect(built).toEqual({
      ok: true,
      review: {
        kind: 'steps',
        turn: 1,
        source: 'answer',
        steps: [
          { text: 'SIRS is positive.', rating: 1 },
          { text: 'qSOFA is 1.', rating: 0, rewrite: 'qSOFA is 2: RR ≥22 and SBP ≤100.' },
          { text: 'So she is not septic.', rating: -1 },
        ],
        finish: 'found_error',
        comment: '',
        activeMs: 5000,
      },
    });
  });

  it('says in place what is missing from a steps review', () => {
    const s = session({ kind: 'response', turn: 1, start: 'steps' });
    expect(problemsOf(buildReview(initialDraft(s), s, options))).toEqual(['steps.0', 'finish']);
    const draft = initialDraft(s);
    const noError: Draft = {
      ...draft,
      steps: { ...draft.steps, steps: [{ text: 'a', rating: 1 }], finish: 'found_error' },
    };
    expect(problemsOf(buildReview(noError, s, options))).toEqual(['finish']);
  });

  it('ranks with ties as dense ranks, and asks for the rationale a task requires', () => {
    const two = session({ kind: 'rank', turns: [1, 2] });
    const draft = { ...initialDraft(two), tab: 'rank' as const, rank: { order: [2, 1], tied: [false, true] } };
    const built = buildReview(draft, two, options);
    expect(built.ok && built.review).toMatchObject({
      kind: 'rank',
      ranking: [
        { turn: 2, rank: 1 },
        { turn: 1, rank: 1 },
      ],
    });
    const strict = { ...two, task: { id: 't', title: 'T', rationaleRequired: true } };
    expect(problemsOf(buildReview(draft, strict, options))).toEqual(['comment']);
  });

  it('compares two responses with a strength, or refuses without a choice', () => {
    const s = session({ kind: 'rank', turns: [1, 2] });
    const draft = initialDraft(s);
    expect(draft.tab).toBe('pairwise');
    expect(problemsOf(buildReview(draft, s, options))).toEqual(['preference']);
    const chosen = { ...draft, pairwise: { preference: 'b_much_better' as const } };
    const built = buildReview(chosen, s, options);
    expect(built.ok && built.review).toMatchObject({ kind: 'pairwise', a: 1, b: 2, preference: 'b_much_better' });
  });

  it('carries the details of every review: flags, specialty, confidence, evidence, PHI confirmation', () => {
    const s = session({ kind: 'response', turn: 1, start: 'review' });
    const draft: Draft = {
      ...initialDraft(s),
      details: {
        comment: '  Too slow.  ',
        safetyFlags: [{ code: 'missed_escalation', severity: 'critical', note: ' ' }],
        specialty: 'emergency_medicine',
        confidence: 4,
        evidence: [{ kind: 'pmid', id: '26903338' }],
        assessment: { triage: 'under_triage', rationale: ' Sepsis signs. ' },
        passages: [],
      },
    };
    const built = buildReview(draft, s, { verdict: 'approve', activeMs: 1, phiConfirmed: true });
    expect(built.ok && built.review).toEqual({
      kind: 'approve',
      turn: 1,
      comment: 'Too slow.',
      activeMs: 1,
      safetyFlags: [{ code: 'missed_escalation', severity: 'critical' }],
      specialty: 'emergency_medicine',
      confidence: 4,
      evidence: [{ kind: 'pmid', id: '26903338' }],
      assessment: { triage: 'under_triage', rationale: 'Sepsis signs.' },
      phiConfirmed: true,
    });
  });

  it('refuses an improvement that changes nothing', () => {
    const s = session({ kind: 'response', turn: 1, start: 'review' });
    expect(problemsOf(buildReview(initialDraft(s), s, options))).toEqual(['rewrite']);
  });

  it('writes a prompt with its reference answer and key points, naming every missing field', () => {
    const s: ReviewSession = { focus: { kind: 'prompt', instructions: 'Write', requirements: [] }, tasks: [] };
    expect(problemsOf(buildReview(initialDraft(s), s, options))).toEqual([
      'prompt',
      'referenceAnswer',
      'keyPoints',
      'specialty',
    ]);
    const draft: Draft = {
      ...initialDraft(s),
      prompt: {
        prompt: 'A 58-year-old…',
        referenceAnswer: 'No.',
        keyPoints: ['ACR 2015', ' '],
        difficulty: 2,
        specialty: 'diagnostic_radiology',
      },
    };
    const built = buildReview(draft, s, options);
    expect(built.ok && built.review).toMatchObject({
      kind: 'prompt',
      keyPoints: ['ACR 2015'],
      specialty: 'diagnostic_radiology',
    });
    expect(writtenTexts(draft, 'prompt', 'improve').map((t) => t.field)).toEqual([
      'prompt',
      'referenceAnswer',
      'keyPoints.0',
    ]);
  });

  it('grades a rubric: unticked criteria are not met, and proposals carry their axis', () => {
    const rubric = [
      { id: 'r1', criterion: 'Norepinephrine first', points: 10, tags: ['axis:accuracy'] },
      { id: 'r2', criterion: 'Recommends dopamine', points: -5, tags: ['axis:accuracy'] },
    ];
    const s = session({ kind: 'rubric', turn: 1, rubric });
    const draft = {
      ...initialDraft(s),
      rubric: { met: { r1: true }, proposed: [{ criterion: 'Mentions vasopressin', points: 3, axis: 'completeness' }] },
    };
    const built = buildReview(draft, s, options);
    expect(built.ok && built.review).toMatchObject({
      kind: 'rubric',
      criteria: [
        { id: 'r1', met: true },
        { id: 'r2', met: false },
      ],
      proposed: [{ criterion: 'Mentions vasopressin', points: 3, tags: ['level:example', 'axis:completeness'] }],
    });
  });

  it('fills the form with a review to fix: building it again gives the same review, for every kind', () => {
    const rubric = [
      { id: 'r1', criterion: 'Norepinephrine first', points: 10, tags: ['axis:accuracy'] },
      { id: 'r2', criterion: 'Recommends dopamine', points: -5, tags: ['axis:accuracy'] },
    ] as const;
    const [r1, r2] = rubric;
    const common = {
      comment: 'Misses the lactate.',
      activeMs: 5000,
      safetyFlags: [{ code: 'missed_escalation' as const, severity: 'critical' as const, note: 'No ICU call' }],
      confidence: 4,
    };
    // A review of one response carries its assessment (the flag owes a rationale); one of several carries none.
    const assessed = {
      ...common,
      assessment: { triage: 'under_triage' as const, overall: 2, rationale: 'No ICU call.', answers: { x: 'y' } },
      passages: [
        {
          turn: 1,
          quote: {
            exact: 'qSOFA is 1.',
            prefix: 'SIRS is positive.\n\nStep 2: ',
            suffix: '\n\nStep 3: So she is not ',
          },
          start: 34,
          end: 45,
          category: 'factual_error' as const,
          comment: 'Two points.',
          correction: 'qSOFA is 2.',
        },
      ],
    };
    const reviews: { focus: ReviewSession['focus']; review: Review; verdict: 'approve' | 'improve' }[] = [
      {
        focus: { kind: 'response', turn: 1, start: 'review' },
        review: { kind: 'approve', turn: 1, ...assessed },
        verdict: 'approve',
      },
      {
        focus: { kind: 'response', turn: 1, start: 'review' },
        review: { kind: 'improve', turn: 1, rewrite: 'Start norepinephrine now.', ...assessed },
        verdict: 'improve',
      },
      {
        focus: { kind: 'response', turn: 1, start: 'steps' },
        review: {
          kind: 'steps',
          turn: 1,
          source: 'answer',
          steps: [
            { text: 'SIRS is positive.', rating: 1 },
            { text: 'qSOFA is 1.', rating: -1, rewrite: 'qSOFA is 2.' },
            { text: 'So she is not septic.' },
          ],
          finish: 'found_error',
          continuation: 'She meets sepsis criteria.',
          ...assessed,
        },
        verdict: 'improve',
      },
      {
        focus: { kind: 'rank', turns: [1, 2, 3] },
        review: {
          kind: 'rank',
          // Best first, as the panel lists it.
          ranking: [
            { turn: 2, rank: 1 },
            { turn: 1, rank: 2 },
            { turn: 3, rank: 2 },
          ],
          ...common,
        },
        verdict: 'improve',
      },
      {
        focus: { kind: 'rank', turns: [1, 2] },
        review: { kind: 'pairwise', a: 1, b: 2, preference: 'b_slightly_better', ...common },
        verdict: 'improve',
      },
      {
        focus: { kind: 'rubric', turn: 1, rubric: rubric.map((c) => ({ ...c, tags: [...c.tags] })) },
        review: {
          kind: 'rubric',
          turn: 1,
          criteria: [
            { ...r1, tags: [...r1.tags], met: true },
            { ...r2, tags: [...r2.tags], met: false },
          ],
          proposed: [{ criterion: 'Mentions vasopressin', points: 3, tags: ['level:example', 'axis:completeness'] }],
          ...assessed,
        },
        verdict: 'improve',
      },
      {
        focus: { kind: 'prompt', instructions: '', requirements: [] },
        review: {
          kind: 'prompt',
          prompt: 'A 58-year-old…',
          referenceAnswer: 'No.',
          keyPoints: ['ACR 2015'],
          difficulty: 2,
          ...common,
          specialty: 'diagnostic_radiology',
        },
        verdict: 'improve',
      },
    ];
    for (const { focus, review, verdict } of reviews) {
      const s = session(focus);
      const draft = draftFromReview(s, Review.parse(review));
      const built = buildReview(draft, s, { verdict, activeMs: 5000, phiConfirmed: false });
      expect(built, review.kind).toEqual({ ok: true, review: Review.parse(review) });
    }
  });
});

describe('a saved draft, restored', () => {
  it('keeps the task it was for while the task is open, and drops it once the task is no longer offered', () => {
    const focus = { kind: 'response', turn: 1, start: 'review' } as const;
    const saved = { ...initialDraft(session(focus)), taskId: 'task-1' };
    const open = session(focus, { tasks: [{ id: 'task-1', title: 'Sepsis' }], draft: saved });
    expect(restoreDraft(open).taskId).toBe('task-1');
    const submittedSince = session(focus, { tasks: [{ id: 'task-2', title: 'Nodule' }], draft: saved });
    expect(restoreDraft(submittedSince).taskId).toBe('');
  });
});
