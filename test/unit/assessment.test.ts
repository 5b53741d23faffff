import { describe, expect, it } from 'vitest';
import { buildReview } from '../../components/panel/build-review';
import { type Draft, initialDraft, type ReviewSession } from '../../components/panel/draft';
import { answerProblems, rationaleReasons } from '../../utils/review/assessment';
import { AssessmentConfig, type Question } from '../../utils/schema/assessment';
import { ProjectSettings } from '../../utils/schema/project';
import { Submission } from '../../utils/schema/submission';
import { sampleCapture, sampleSubmission } from './support/samples';

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

const questions: Question[] = [
  {
    type: 'single',
    id: 'guideline',
    label: 'Which guideline does it follow?',
    required: true,
    options: [
      { value: 'aha', label: 'AHA' },
      { value: 'esc', label: 'ESC' },
    ],
  },
  {
    type: 'multi',
    id: 'missing',
    label: 'What is missing?',
    options: [
      { value: 'dose', label: 'Dose' },
      { value: 'duration', label: 'Duration' },
    ],
  },
  { type: 'likert', id: 'empathy', label: 'Empathy', points: 7, lowLabel: 'Cold', highLabel: 'Warm' },
  { type: 'number', id: 'minutes', label: 'Minutes to read', min: 0, max: 60, integer: true },
  { type: 'text', id: 'note', label: 'Note', maxLength: 10 },
];

describe('a project declares its assessment', () => {
  it('defaults to every standard axis and no questions', () => {
    const settings = ProjectSettings.parse({ name: 'Sepsis' });
    expect(settings.assessment.parts).toContain('harm');
    expect(settings.assessment.parts).toHaveLength(10);
    expect(settings.assessment.questions).toEqual([]);
  });

  it('accepts every kind of question', () => {
    expect(issuesOf(AssessmentConfig.safeParse({ parts: ['consensus', 'overall'], questions }))).toEqual([]);
  });

  it('names the path of a bad declaration', () => {
    const bad = (question: unknown) =>
      issuesOf(ProjectSettings.safeParse({ name: 'X', assessment: { questions: [questions[0], question] } }));
    expect(bad({ ...questions[1], id: 'guideline' })).toEqual([
      'assessment.questions.1.id: Question id "guideline" is used twice',
    ]);
    expect(bad({ type: 'single', id: 'a', label: 'A', options: [{ value: 'x', label: 'X' }] })).toEqual([
      'assessment.questions.1.options: Offer at least two options',
    ]);
    expect(
      bad({
        type: 'single',
        id: 'a',
        label: 'A',
        options: [
          { value: 'x', label: 'X' },
          { value: 'x', label: 'Y' },
        ],
      }),
    ).toEqual(['assessment.questions.1.options: Option values must be unique']);
    expect(bad({ type: 'number', id: 'n', label: 'N', min: 5, max: 1 })).toEqual([
      'assessment.questions.1.max: max must not be below min',
    ]);
    expect(bad({ type: 'likert', id: 'l', label: 'L', points: 2, lowLabel: 'a', highLabel: 'b' })[0]).toMatch(
      /^assessment\.questions\.1\.points/,
    );
    expect(bad({ type: 'slider', id: 's', label: 'S' })[0]).toMatch(/^assessment\.questions\.1\.type/);
    expect(bad({ type: 'text', id: 'Bad Id', label: 'T' })[0]).toMatch(/^assessment\.questions\.1\.id/);
    expect(issuesOf(ProjectSettings.safeParse({ name: 'X', assessment: { parts: ['harm', 'harm'] } }))).toEqual([
      'assessment.parts: Each part may be listed once',
    ]);
  });
});

describe('answers against the declaration', () => {
  it('accepts answers of the right type and range', () => {
    const answers = { guideline: 'aha', missing: ['dose'], empathy: 7, minutes: 3, note: 'short' };
    expect(answerProblems(questions, answers, 'panel')).toEqual([]);
  });

  it('names each wrong answer by its question', () => {
    const answers = {
      guideline: 'who',
      missing: ['dose', 'dose'],
      empathy: 8,
      minutes: 2.5,
      note: 'far too long',
      x: 1,
    };
    const wrong = [
      { id: 'guideline', problem: { code: 'chooseOne', options: ['aha', 'esc'] }, message: 'Choose one of: aha, esc' },
      { id: 'missing', problem: { code: 'chosenTwice' }, message: 'An option is chosen twice' },
      { id: 'empathy', problem: { code: 'likertRange', points: 7 }, message: 'Expected a whole number from 1 to 7' },
      { id: 'minutes', problem: { code: 'wholeNumber' }, message: 'Expected a whole number' },
      { id: 'note', problem: { code: 'tooLong', maxLength: 10 }, message: 'Expected at most 10 characters' },
    ];
    expect(answerProblems(questions, answers, 'server')).toEqual([
      { id: 'x', problem: { code: 'notAsked' }, message: 'The project asks no such question' },
      ...wrong,
    ]);
    // The panel keeps answers to questions it was not told of (a lead's fix of an expert's review).
    expect(answerProblems(questions, answers, 'panel')).toEqual(wrong);
  });

  it('requires required questions in the panel, not at the server', () => {
    expect(answerProblems(questions, {}, 'panel')).toEqual([
      { id: 'guideline', problem: { code: 'required' }, message: 'This question is required' },
    ]);
    expect(answerProblems(questions, undefined, 'server')).toEqual([]);
  });
});

describe('a rationale is owed', () => {
  it('for each negative answer and for a safety flag, and for nothing else', () => {
    expect(
      rationaleReasons(
        {
          consensus: 'aligned',
          incorrect: 'none',
          harmExtent: 'none',
          bias: 'no',
          triage: 'not_applicable',
          overall: 3,
        },
        [],
      ),
    ).toEqual([]);
    expect(
      rationaleReasons({ consensus: 'not_aligned', omission: 'minor', bias: 'yes', overall: 2 }, [
        { code: 'dosing_error' },
      ]),
    ).toEqual(['consensus', 'omission', 'bias', 'overall', 'safetyFlags']);
  });

  it('is refused without it at the server', () => {
    const base = sampleSubmission();
    const owed = { ...base, review: { ...base.review, assessment: { harmExtent: 'severe_or_death' } } };
    expect(issuesOf(Submission.safeParse(owed))).toEqual([
      'review.assessment.rationale: A rationale is required when harmExtent is negative or set',
    ]);
    const given = {
      ...owed,
      review: { ...owed.review, assessment: { harmExtent: 'severe_or_death', rationale: 'x' } },
    };
    expect(issuesOf(Submission.safeParse(given))).toEqual([]);
  });
});

describe('the panel sends the assessment', () => {
  const capture = sampleCapture();
  const session = (extra: Partial<ReviewSession> = {}): ReviewSession => ({
    capture,
    tasks: [],
    focus: { kind: 'response', turn: 1, start: 'review' },
    ...extra,
  });
  const approve = { verdict: 'approve' as const, activeMs: 1, phiConfirmed: false };
  const withAssessment = (s: ReviewSession, assessment: Draft['details']['assessment'], flags = false): Draft => {
    const draft = initialDraft(s);
    return {
      ...draft,
      details: {
        ...draft.details,
        assessment,
        safetyFlags: flags ? [{ code: 'harmful_advice', severity: 'major' }] : [],
      },
    };
  };
  const problems = (built: ReturnType<typeof buildReview>) => (built.ok ? [] : built.problems.map((p) => p.field));

  it('leaves it out when nothing was answered', () => {
    const s = session();
    const built = buildReview(initialDraft(s), s, approve);
    expect(built.ok && 'assessment' in built.review).toBe(false);
  });

  it('asks for a rationale in place, for a negative axis or a safety flag alone', () => {
    const s = session();
    expect(problems(buildReview(withAssessment(s, { incorrect: 'significant' }), s, approve))).toEqual(['rationale']);
    expect(problems(buildReview(withAssessment(s, {}, true), s, approve))).toEqual(['rationale']);
    expect(problems(buildReview(withAssessment(s, { rationale: '  ' }, true), s, approve))).toEqual(['rationale']);
  });

  it('requires the project’s required questions and sends the answers trimmed of empty ones', () => {
    const s = session({ assessment: AssessmentConfig.parse({ questions }) });
    expect(problems(buildReview(withAssessment(s, { overall: 4 }), s, approve))).toEqual(['answers.guideline']);
    const built = buildReview(
      withAssessment(s, { overall: 4, rationale: ' fine ', answers: { guideline: 'esc', missing: [], note: ' ' } }),
      s,
      approve,
    );
    expect(built.ok && built.review.assessment).toEqual({
      overall: 4,
      rationale: 'fine',
      answers: { guideline: 'esc' },
    });
  });

  it('sends none with a ranking, which is about several responses', () => {
    const s: ReviewSession = { capture, tasks: [], focus: { kind: 'rank', turns: [1, 3, 5] } };
    const draft = initialDraft(s);
    const built = buildReview({ ...draft, details: { ...draft.details, assessment: { overall: 1 } } }, s, approve);
    expect(built.ok && 'assessment' in built.review).toBe(false);
  });
});
