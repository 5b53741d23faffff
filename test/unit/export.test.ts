/**
 * The export converters, on reviews of the synthetic clinical demo content:
 * every row is checked against its format's schema, and at least one record
 * per format is checked value by value.
 */
import { describe, expect, it } from 'vitest';
import conversationFile from '../../server/demo/clinical/conversation.json';
import tasksFile from '../../server/demo/clinical/tasks.json';
import { clinicalTasks } from '../../server/demo/seed';
import {
  CSV_COLUMNS,
  csvLine,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportOptions,
  type ExportRecord,
  exportRows,
} from '../../utils/export/formats';
import { type LabelStudioTask, ROW_SCHEMAS } from '../../utils/export/schemas';
import { taskSession } from '../../utils/review/task-session';
import type { Capture, Turn } from '../../utils/schema/capture';
import { PREFERENCES, type Review, type StepRating } from '../../utils/schema/review';
import { Submission } from '../../utils/schema/submission';

// ---------------------------------------------------------------------------
// Fixtures: the demo tasks and conversation, as the extension would capture them.

interface FixtureTask {
  id: string;
  prompt: string;
  response?: { content: string };
  responses?: { label: string; content: string }[];
  steps?: string[];
  expected_step_labels?: number[];
  first_error_step?: number;
  corrected_step?: string;
  expected_criteria_met?: { id: string; met: boolean }[];
  reference_notes?: { quote: string; correction: string }[];
  example?: { prompt: string; reference_answer: string; key_points: string[] };
}

interface DemoTurn {
  id: string;
  role: 'user' | 'assistant';
  model?: string;
  content: string;
  steps?: string[];
  variants?: { id: string; model: string; content: string }[];
}

const fixtures = tasksFile.tasks as unknown as FixtureTask[];
const demoTurns = conversationFile.turns as unknown as DemoTurn[];

function fixture(id: string): FixtureTask {
  const found = fixtures.find((t) => t.id === id);
  if (!found) throw new Error(`fixture ${id} missing`);
  return found;
}

function demoTurn(id: string): DemoTurn {
  const found = demoTurns.find((t) => t.id === id);
  if (!found) throw new Error(`demo turn ${id} missing`);
  return found;
}

const SERVER = 'https://attending.example.test';
const CAPTURED_AT = new Date('2026-11-25T10:00:00.000Z');
const CREATED_AT = '2026-11-25T10:05:00.000Z';
const RECEIVED_AT = '2026-11-25T10:05:02.000Z';

/** The capture the review panel opens on for a demo task. */
function taskCapture(id: string): Capture {
  const task = clinicalTasks().find((t) => t.id === id);
  const capture = task && taskSession(task, SERVER, CAPTURED_AT).capture;
  if (!capture) throw new Error(`task ${id} has no capture`);
  return capture;
}

function turn(role: Turn['role'], text: string, model?: string): Turn {
  return { role, text, ...(model ? { model } : {}), anchor: { exact: text.slice(0, 200), prefix: '', suffix: '' } };
}

function demoCapture(turns: Turn[]): Capture {
  return {
    site: 'generic',
    url: 'http://localhost:5173/demo/chat',
    title: 'ED triage: suspected urosepsis',
    capturedAt: CAPTURED_AT.toISOString(),
    turns,
  };
}

const [t1, t2, t3, t4, t5, t6] = ['t1', 't2', 't3', 't4', 't5', 't6'].map(demoTurn) as [
  DemoTurn,
  DemoTurn,
  DemoTurn,
  DemoTurn,
  DemoTurn,
  DemoTurn,
];
const asTurn = (t: { role?: 'user' | 'assistant'; content: string; model?: string }) =>
  turn(t.role ?? 'assistant', t.content, t.model);
const [v1, v2] = t4.variants ?? [];
if (!v1 || !v2) throw new Error('the demo conversation lost its regenerated variants');

/** The whole demo chat, as read from the page (the selected variant of t4 shown). */
const chatCapture = demoCapture([t1, t2, t3, t4, t5, t6].map(asTurn));
/** The chat up to t4, with both regenerated variants read as responses (turns 3 and 4). */
const variantsCapture = demoCapture([t1, t2, t3].map(asTurn).concat([asTurn(v1), asTurn(v2)]));

let submissions = 0;

function record(review: Review, capture?: Capture, taskId?: string, audit?: ExportRecord['audit']): ExportRecord {
  submissions += 1;
  const submission = Submission.parse({
    id: `00000000-0000-4000-8000-${String(submissions).padStart(12, '0')}`,
    schemaVersion: 1,
    ...(taskId ? { taskId } : {}),
    ...(capture ? { capture } : {}),
    review,
    createdAt: CREATED_AT,
  });
  return { submission, reviewer: 'expert-7f3a', receivedAt: RECEIVED_AT, ...(audit ? { audit } : {}) };
}

function rating(label: number | undefined): StepRating {
  if (label !== 1 && label !== 0 && label !== -1) throw new Error(`not a step rating: ${label}`);
  return label;
}

const common = { comment: '', activeMs: 240_000 };

// clin-t01: macrolide monotherapy despite comorbidities; the reviewer rewrites the regimen.
const t01 = fixture('clin-t01');
const t01Response = t01.response?.content ?? '';
const t01Correction = t01.reference_notes?.[0]?.correction ?? '';
const t01Rewrite = t01Response.replace(t01.reference_notes?.[0]?.quote ?? '', t01Correction);
const T01_COMMENT =
  'Macrolide monotherapy is wrong here: he has COPD, diabetes.\nSee "ATS/IDSA 2019", outpatient regimens.';
const improveT01 = record(
  {
    kind: 'improve',
    turn: 1,
    rewrite: t01Rewrite,
    ...common,
    comment: T01_COMMENT,
    activeMs: 312_500,
    safetyFlags: [
      { code: 'harmful_advice', severity: 'major', note: 'Monotherapy risks failure with resistant pneumococci' },
      { code: 'outdated_guidance', severity: 'minor' },
    ],
    specialty: 'internal_medicine',
    confidence: 4,
  },
  taskCapture('clin-t01'),
  'clin-t01',
  'accept',
);

// clin-t04: HEART score with a wrong risk-factor band at step 7; the reviewer stops there and corrects it.
const t04 = fixture('clin-t04');
const t04Steps = t04.steps ?? [];
const t04Labels = t04.expected_step_labels ?? [];
const t04Error = (t04.first_error_step ?? 0) - 1;
const stepsT04 = record(
  {
    kind: 'steps',
    turn: 1,
    source: 'answer',
    steps: t04Steps.map((text, i) =>
      i > t04Error
        ? { text }
        : { text, rating: rating(t04Labels[i]), ...(i === t04Error ? { rewrite: t04.corrected_step ?? '' } : {}) },
    ),
    finish: 'found_error',
    ...common,
    activeMs: 401_000,
    safetyFlags: [{ code: 'diagnostic_error', severity: 'major' }],
  },
  taskCapture('clin-t04'),
  'clin-t04',
);

// Demo t2: the qSOFA threshold is wrong at step 3; the reviewer stops rating there.
const t2Steps = t2.steps ?? [];
const stepsT2 = record(
  {
    kind: 'steps',
    turn: 1,
    source: 'answer',
    steps: t2Steps.map((text, i) => (i < 3 ? { text, rating: i === 2 ? -1 : 1 } : { text })),
    finish: 'found_error',
    ...common,
  },
  chatCapture,
);

// clin-t07: Fleischner follow-up; expected order A > C > B (turns 1, 3, 2).
const t07 = fixture('clin-t07');
const [t07A, t07B, t07C] = (t07.responses ?? []).map((r) => r.content) as [string, string, string];
const rankT07 = record(
  {
    kind: 'rank',
    ranking: [
      { turn: 1, rank: 1 },
      { turn: 3, rank: 2 },
      { turn: 2, rank: 3 },
    ],
    ...common,
    comment: 'A applies Fleischner 2017; C uses the 2005 thresholds; B over-investigates.',
    specialty: 'diagnostic_radiology',
  },
  taskCapture('clin-t07'),
  'clin-t07',
);

// clin-t09: septic shock rubric, graded as the fixture expects (19 of 35 points).
const t09 = fixture('clin-t09');
const t09Task = clinicalTasks().find((t) => t.id === 'clin-t09');
if (t09Task?.kind !== 'rubric_grade') throw new Error('clin-t09 is no longer a rubric task');
const t09Met = new Set((t09.expected_criteria_met ?? []).filter((c) => c.met).map((c) => c.id));
const rubricT09 = record(
  {
    kind: 'rubric',
    turn: 1,
    criteria: t09Task.rubric.map((c) => ({ ...c, met: t09Met.has(c.id) })),
    ...common,
    safetyFlags: [{ code: 'harmful_advice', severity: 'critical', note: 'Delays norepinephrine until central access' }],
    confidence: 5,
  },
  taskCapture('clin-t09'),
  'clin-t09',
);

// Demo t4: the two regenerated variants compared; v1 is the better plan.
const pairwiseVariants = record(
  { kind: 'pairwise', a: 3, b: 4, preference: 'a_much_better', ...common, confidence: 5 },
  variantsCapture,
);

// Demo t6: a short, correct answer at the end of the chat.
const approveT6 = record({ kind: 'approve', turn: 5, ...common, activeMs: 15_000 }, chatCapture);

// clin-t11: a written prompt with its reference answer; it reviews no page.
const t11 = fixture('clin-t11');
const promptT11 = record(
  {
    kind: 'prompt',
    prompt: t11.example?.prompt ?? '',
    referenceAnswer: t11.example?.reference_answer ?? '',
    keyPoints: t11.example?.key_points ?? [],
    difficulty: 2,
    specialty: 'diagnostic_radiology',
    ...common,
  },
  undefined,
  'clin-t11',
);

const ALL = [improveT01, stepsT04, stepsT2, rankT07, rubricT09, pairwiseVariants, approveT6, promptT11];

const EXCLUDE: ExportOptions = { ties: 'exclude' };
const LABEL: ExportOptions = { ties: 'label' };

/** Rows of a format, each validated against the format's schema. */
function rows(format: ExportFormat, r: ExportRecord, options: ExportOptions = EXCLUDE): unknown[] {
  const out = exportRows(format, r, options);
  for (const row of out) ROW_SCHEMAS[format].parse(row);
  return out;
}

function withReview(r: ExportRecord, review: Review): ExportRecord {
  const { submission } = r;
  return { ...r, submission: Submission.parse({ ...submission, review }) };
}

const user = (content: string) => ({ role: 'user', content });
const assistant = (content: string) => [{ role: 'assistant', content }];
const t07Prompt = [user(t07.prompt)];

// ---------------------------------------------------------------------------

describe('every format', () => {
  const covers: Record<ExportFormat, Review['kind'][]> = {
    'trl-preference': ['improve', 'rank', 'pairwise'],
    'trl-unpaired': ['improve', 'approve'],
    'trl-stepwise': ['steps'],
    prm800k: ['steps'],
    healthbench: ['rubric'],
    arena: ['rank', 'pairwise'],
    'label-studio': ['improve', 'steps', 'rank', 'rubric', 'pairwise', 'approve', 'prompt'],
    csv: ['improve', 'steps', 'rank', 'rubric', 'pairwise', 'approve', 'prompt'],
  };

  it.each(EXPORT_FORMATS)('%s: every row matches the schema, and only the reviews it covers give rows', (format) => {
    for (const options of [EXCLUDE, LABEL]) {
      const kinds = ALL.filter((r) => rows(format, r, options).length > 0).map((r) => r.submission.review.kind);
      expect(new Set(kinds)).toEqual(new Set(covers[format]));
    }
  });

  it('gives one Label Studio task and one CSV line per submission', () => {
    for (const r of ALL) {
      expect(rows('label-studio', r)).toHaveLength(1);
      expect(rows('csv', r)).toHaveLength(1);
    }
  });
});

describe('trl-preference', () => {
  it('gives every ordered pair of a ranking, the better response chosen', () => {
    expect(rows('trl-preference', rankT07)).toEqual([
      { prompt: t07Prompt, chosen: assistant(t07A), rejected: assistant(t07B) },
      { prompt: t07Prompt, chosen: assistant(t07A), rejected: assistant(t07C) },
      { prompt: t07Prompt, chosen: assistant(t07C), rejected: assistant(t07B) },
    ]);
  });

  it('leaves equal ranks out, or labels them as ties', () => {
    const tied = withReview(rankT07, {
      kind: 'rank',
      ranking: [
        { turn: 1, rank: 1 },
        { turn: 2, rank: 1 },
        { turn: 3, rank: 2 },
      ],
      ...common,
    });
    expect(rows('trl-preference', tied, EXCLUDE)).toEqual([
      { prompt: t07Prompt, chosen: assistant(t07A), rejected: assistant(t07C) },
      { prompt: t07Prompt, chosen: assistant(t07B), rejected: assistant(t07C) },
    ]);
    expect(rows('trl-preference', tied, LABEL)).toEqual([
      { prompt: t07Prompt, chosen: assistant(t07A), rejected: assistant(t07B), label: 'tie' },
      { prompt: t07Prompt, chosen: assistant(t07A), rejected: assistant(t07C) },
      { prompt: t07Prompt, chosen: assistant(t07B), rejected: assistant(t07C) },
    ]);
  });

  it('gives the same pairs however the ranking lists its responses (a shuffled display cannot swap a winner)', () => {
    const entries = [
      { turn: 1, rank: 1 },
      { turn: 2, rank: 3 },
      { turn: 3, rank: 2 },
    ];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const format of ['trl-preference', 'arena', 'label-studio', 'csv'] as const) {
      const expected = rows(format, rankT07);
      for (const order of orders) {
        const ranking = order.map((i) => entries[i] as { turn: number; rank: number });
        const listed = withReview(rankT07, { ...(rankT07.submission.review as Review & { kind: 'rank' }), ranking });
        expect(rows(format, listed)).toEqual(expected);
      }
    }
  });

  it.each(PREFERENCES)('maps the pairwise preference %s to its side', (preference) => {
    const r = withReview(pairwiseVariants, { kind: 'pairwise', a: 3, b: 4, preference, ...common });
    const prompt = [user(t1.content), { role: 'assistant', content: t2.content }, user(t3.content)];
    const aWins = { prompt, chosen: assistant(v1.content), rejected: assistant(v2.content) };
    const bWins = { prompt, chosen: assistant(v2.content), rejected: assistant(v1.content) };
    const expected: Record<(typeof PREFERENCES)[number], { exclude: unknown[]; label: unknown[] }> = {
      a_much_better: { exclude: [aWins], label: [aWins] },
      a_better: { exclude: [aWins], label: [aWins] },
      a_slightly_better: { exclude: [aWins], label: [aWins] },
      tie: { exclude: [], label: [{ ...aWins, label: 'tie' }] },
      b_slightly_better: { exclude: [bWins], label: [bWins] },
      b_better: { exclude: [bWins], label: [bWins] },
      b_much_better: { exclude: [bWins], label: [bWins] },
      both_bad: { exclude: [], label: [{ ...aWins, label: 'both_bad' }] },
    };
    expect(rows('trl-preference', r, EXCLUDE)).toEqual(expected[preference].exclude);
    expect(rows('trl-preference', r, LABEL)).toEqual(expected[preference].label);
  });

  it('keeps a tie in display order (a first) when labelling it, whichever turn comes first', () => {
    const r = withReview(pairwiseVariants, { kind: 'pairwise', a: 4, b: 3, preference: 'tie', ...common });
    expect(rows('trl-preference', r, LABEL)).toMatchObject([
      { chosen: assistant(v2.content), rejected: assistant(v1.content), label: 'tie' },
    ]);
  });

  it('prefers the rewrite of an improved response over the original', () => {
    expect(t01Rewrite).toContain('Amoxicillin/clavulanate');
    expect(rows('trl-preference', improveT01)).toEqual([
      { prompt: [user(t01.prompt)], chosen: assistant(t01Rewrite), rejected: assistant(t01Response) },
    ]);
  });
});

describe('trl-unpaired', () => {
  it('labels an approved response desirable, with the whole chat before it as the prompt', () => {
    expect(rows('trl-unpaired', approveT6)).toEqual([
      {
        prompt: [
          user(t1.content),
          { role: 'assistant', content: t2.content },
          user(t3.content),
          { role: 'assistant', content: t4.content },
          user(t5.content),
        ],
        completion: assistant(t6.content),
        label: true,
      },
    ]);
  });

  it('labels an improved response undesirable and its rewrite desirable', () => {
    const prompt = [user(t01.prompt)];
    expect(rows('trl-unpaired', improveT01)).toEqual([
      { prompt, completion: assistant(t01Response), label: false },
      { prompt, completion: assistant(t01Rewrite), label: true },
    ]);
  });
});

describe('trl-stepwise', () => {
  it("labels the model's rated steps, 0 (not wrong) as correct and −1 as wrong, without the unrated ones", () => {
    expect(rows('trl-stepwise', stepsT04)).toEqual([
      {
        prompt: t04.prompt,
        completions: t04Steps.slice(0, 7),
        labels: [true, true, true, true, true, true, false],
      },
    ]);
    expect(rows('trl-stepwise', stepsT2)).toEqual([
      { prompt: t1.content, completions: t2Steps.slice(0, 3), labels: [true, true, false] },
    ]);
  });
});

describe('prm800k', () => {
  it('writes the rated steps as PRM800K labels, the improved step as a human completion', () => {
    const step = (i: number, rating: StepRating) => ({
      completions: [{ text: t04Steps[i], rating, flagged: null }],
      human_completion: null,
      chosen_completion: 0,
    });
    expect(rows('prm800k', stepsT04)).toEqual([
      {
        labeler: 'expert-7f3a',
        timestamp: CREATED_AT,
        generation: null,
        is_quality_control_question: false,
        is_initial_screening_question: false,
        question: { problem: t04.prompt, ground_truth_answer: null },
        label: {
          steps: [
            step(0, 1),
            step(1, 0),
            step(2, 1),
            step(3, 1),
            step(4, 1),
            step(5, 1),
            {
              completions: [{ text: t04Steps[6], rating: -1, flagged: null }],
              human_completion: { text: t04.corrected_step },
              chosen_completion: null,
            },
          ],
          total_time: 401_000,
          finish_reason: 'found_error',
        },
      },
    ]);
  });

  it('chooses no completion where labelling stopped on a wrong step', () => {
    const [row] = rows('prm800k', stepsT2) as { label: { steps: { chosen_completion: 0 | null }[] } }[];
    expect(row?.label.steps.map((s) => s.chosen_completion)).toEqual([0, 0, null]);
  });

  it.each([
    ['solution_reached', 'solution'],
    ['found_error', 'found_error'],
    ['bad_problem', 'bad_problem'],
    ['gave_up', 'give_up'],
  ] as const)('maps the finish %s to %s', (finish, expected) => {
    const review = stepsT04.submission.review as Review & { kind: 'steps' };
    const r = withReview(stepsT04, { ...review, finish });
    expect(rows('prm800k', r)).toMatchObject([{ label: { finish_reason: expected } }]);
  });
});

describe('healthbench', () => {
  it('scores clin-t09 as graded in the fixture 19/35, with the example as simple-evals reads it', () => {
    const [row] = rows('healthbench', rubricT09);
    const rubrics = t09Task.rubric.map(({ criterion, points, tags }) => ({ criterion, points, tags }));
    expect(row).toEqual({
      prompt_id: 'clin-t09',
      prompt: [user(t09.prompt)],
      completion: assistant(t09.response?.content ?? ''),
      rubrics,
      example_tags: [],
      rubric_items: rubrics.map((item, i) => ({
        ...item,
        criteria_met: t09Met.has(t09Task.rubric[i]?.id ?? ''),
      })),
      score: 19 / 35,
    });
  });

  it('does not clip a score below zero (HealthBench clips only the mean)', () => {
    const review = rubricT09.submission.review as Review & { kind: 'rubric' };
    const harmOnly = withReview(rubricT09, {
      ...review,
      criteria: review.criteria.map((c) => ({ ...c, met: c.points < 0 })),
    });
    expect(rows('healthbench', harmOnly)).toMatchObject([{ score: -14 / 35 }]);
  });
});

describe('arena', () => {
  const tstamp = Date.parse(CREATED_AT) / 1000;
  const id = rankT07.submission.id;

  it('gives a battle per pair of a ranking, named by turn, with the models of the page', () => {
    const side = (text: string) => [user(t07.prompt), ...assistant(text)];
    const battle = { judge: 'expert-7f3a', turn: 1, tstamp };
    expect(rows('arena', rankT07)).toEqual([
      {
        question_id: `${id}:1-2`,
        model_a: 'model-alpha',
        model_b: 'model-beta',
        winner: 'model_a',
        conversation_a: side(t07A),
        conversation_b: side(t07B),
        ...battle,
      },
      {
        question_id: `${id}:1-3`,
        model_a: 'model-alpha',
        model_b: 'model-gamma',
        winner: 'model_a',
        conversation_a: side(t07A),
        conversation_b: side(t07C),
        ...battle,
      },
      {
        question_id: `${id}:2-3`,
        model_a: 'model-beta',
        model_b: 'model-gamma',
        winner: 'model_b',
        conversation_a: side(t07B),
        conversation_b: side(t07C),
        ...battle,
      },
    ]);
  });

  it('calls equal ranks a tie', () => {
    const tied = withReview(rankT07, {
      kind: 'rank',
      ranking: [
        { turn: 3, rank: 2 },
        { turn: 1, rank: 1 },
        { turn: 2, rank: 1 },
      ],
      ...common,
    });
    expect((rows('arena', tied) as { winner: string }[]).map((b) => b.winner)).toEqual(['tie', 'model_a', 'model_a']);
  });

  it.each(PREFERENCES)('maps the pairwise preference %s to its winner', (preference) => {
    const winner = {
      a_much_better: 'model_a',
      a_better: 'model_a',
      a_slightly_better: 'model_a',
      tie: 'tie',
      b_slightly_better: 'model_b',
      b_better: 'model_b',
      b_much_better: 'model_b',
      both_bad: 'tie (bothbad)',
    }[preference];
    const r = withReview(pairwiseVariants, { kind: 'pairwise', a: 3, b: 4, preference, ...common });
    // The ties option is about TRL pairs; Arena records ties as such either way.
    expect(rows('arena', r, EXCLUDE)).toMatchObject([{ winner }]);
    expect(rows('arena', r, LABEL)).toMatchObject([{ winner }]);
  });

  it('counts the user turns of a longer chat, and names a model the page did not show "unknown"', () => {
    const capture = structuredClone(variantsCapture);
    delete capture.turns[4]?.model;
    const r = record({ kind: 'pairwise', a: 3, b: 4, preference: 'b_better', ...common }, capture);
    const prompt = [user(t1.content), { role: 'assistant', content: t2.content }, user(t3.content)];
    expect(rows('arena', r)).toEqual([
      {
        question_id: `${r.submission.id}:3-4`,
        model_a: 'model-alpha',
        model_b: 'unknown',
        winner: 'model_b',
        conversation_a: [...prompt, ...assistant(v1.content)],
        conversation_b: [...prompt, ...assistant(v2.content)],
        judge: 'expert-7f3a',
        turn: 2,
        tstamp,
      },
    ]);
  });
});

describe('label-studio', () => {
  it('writes an improve review as a task with its decisions as one annotation', () => {
    expect(rows('label-studio', improveT01)).toEqual([
      {
        data: {
          submission_id: improveT01.submission.id,
          reviewer: 'expert-7f3a',
          kind: 'improve',
          prompt: t01.prompt,
          audit: 'accept',
          response: t01Response,
        },
        annotations: [
          {
            result: [
              {
                id: 'verdict',
                from_name: 'verdict',
                to_name: 'response',
                type: 'choices',
                value: { choices: ['improve'] },
              },
              {
                id: 'rewrite',
                from_name: 'rewrite',
                to_name: 'response',
                type: 'textarea',
                value: { text: [t01Rewrite] },
              },
              {
                id: 'specialty',
                from_name: 'specialty',
                to_name: 'prompt',
                type: 'choices',
                value: { choices: ['internal_medicine'] },
              },
              {
                id: 'safety_flags',
                from_name: 'safety_flags',
                to_name: 'prompt',
                type: 'choices',
                value: { choices: ['harmful_advice:major', 'outdated_guidance:minor'] },
              },
              { id: 'confidence', from_name: 'confidence', to_name: 'prompt', type: 'rating', value: { rating: 4 } },
              {
                id: 'comment',
                from_name: 'comment',
                to_name: 'prompt',
                type: 'textarea',
                value: { text: [T01_COMMENT] },
              },
            ],
            created_at: CREATED_AT,
            lead_time: 312.5,
          },
        ],
      },
    ]);
  });

  it('names ranked responses by turn and pairwise ones a/b', () => {
    const [ranked] = rows('label-studio', rankT07) as {
      data: Record<string, string>;
      annotations: { result: unknown[] }[];
    }[];
    expect(ranked?.data).toMatchObject({ response_1: t07A, response_2: t07B, response_3: t07C });
    expect(ranked?.annotations[0]?.result).toEqual(
      expect.arrayContaining([
        { id: 'rank_1', from_name: 'rank_1', to_name: 'response_1', type: 'choices', value: { choices: ['1'] } },
        { id: 'rank_2', from_name: 'rank_2', to_name: 'response_2', type: 'choices', value: { choices: ['3'] } },
        { id: 'rank_3', from_name: 'rank_3', to_name: 'response_3', type: 'choices', value: { choices: ['2'] } },
      ]),
    );
    const [pair] = rows('label-studio', pairwiseVariants) as { data: Record<string, string> }[];
    expect(pair?.data).toMatchObject({ response_a: v1.content, response_b: v2.content });
  });

  it('writes a prompt review with the prompt it wrote', () => {
    expect(rows('label-studio', promptT11)).toMatchObject([
      {
        data: { kind: 'prompt', prompt: t11.example?.prompt },
        annotations: [
          {
            result: [
              { from_name: 'reference_answer', value: { text: [t11.example?.reference_answer] } },
              { from_name: 'key_points', value: { text: t11.example?.key_points } },
              { from_name: 'difficulty', value: { choices: ['2'] } },
              { from_name: 'specialty', value: { choices: ['diagnostic_radiology'] } },
            ],
          },
        ],
      },
    ]);
  });
});

describe('csv', () => {
  const line = (r: ExportRecord) => csvLine((rows('csv', r) as Record<string, string>[])[0] ?? {});

  it('has the summary columns', () => {
    expect(CSV_COLUMNS.join(',')).toBe(
      'id,reviewer,kind,site,url,task_id,created_at,received_at,audit,verdict,safety_flags,specialty,confidence,active_ms,comment,' +
        'assessment_consensus,assessment_incorrect,assessment_omission,assessment_harm_extent,assessment_harm_likelihood,' +
        'assessment_triage,assessment_context_seeking,assessment_uncertainty,assessment_audience_fit,assessment_bias,' +
        'assessment_overall,assessment_rationale,assessment_answers,passages,rerating',
    );
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(line(improveT01)).toBe(
      [
        improveT01.submission.id,
        'expert-7f3a',
        'improve',
        'task',
        `${SERVER}/tasks/clin-t01`,
        'clin-t01',
        CREATED_AT,
        RECEIVED_AT,
        'accept',
        'improve',
        'harmful_advice:major;outdated_guidance:minor',
        'internal_medicine',
        '4',
        '312500',
        '"Macrolide monotherapy is wrong here: he has COPD, diabetes.\nSee ""ATS/IDSA 2019"", outpatient regimens."',
      ].join(',') + ','.repeat(15),
    );
    expect(csvLine({ id: 'a,b', comment: 'say "hi"' })).toBe(`"a,b",,,,,,,,,,,,,,"say ""hi"""${','.repeat(15)}`);
    expect(csvLine({ comment: 'one\r\ntwo' })).toBe(`${','.repeat(14)}"one\r\ntwo"${','.repeat(15)}`);
  });

  it.each([
    [approveT6, 'approve'],
    [improveT01, 'improve'],
    [rankT07, '1>3>2'],
    [pairwiseVariants, 'a_much_better (a=3, b=4)'],
    [stepsT04, 'found_error at 7'],
    [stepsT2, 'found_error at 3'],
    [rubricT09, '19/35'],
    [promptT11, 'prompt'],
  ])('summarises the verdict of a review (%#)', (r, verdict) => {
    expect(rows('csv', r)).toMatchObject([{ verdict }]);
  });

  it('writes tied ranks with "=" and leaves what a review lacks empty', () => {
    const tied = withReview(rankT07, {
      kind: 'rank',
      ranking: [
        { turn: 3, rank: 2 },
        { turn: 2, rank: 1 },
        { turn: 1, rank: 1 },
      ],
      ...common,
    });
    expect(rows('csv', tied)).toMatchObject([{ verdict: '1=2>3', audit: '', confidence: '', safety_flags: '' }]);
    expect(rows('csv', promptT11)).toMatchObject([{ site: '', url: '', task_id: 'clin-t11' }]);
  });
});

describe('the clinical assessment', () => {
  const assessed = withReview(approveT6, {
    kind: 'approve',
    turn: 5,
    ...common,
    assessment: {
      consensus: 'aligned',
      harmExtent: 'mild_moderate',
      harmLikelihood: 'low',
      overall: 4,
      rationale: 'Safe, but "call 911" should come first.',
      answers: { guideline: 'aha', missing: ['dose', 'duration'], empathy: 6, note: 'Clear.' },
    },
  });

  it('is in the CSV: a column per axis, the rationale, and the answers as JSON', () => {
    expect(rows('csv', assessed)).toMatchObject([
      {
        assessment_consensus: 'aligned',
        assessment_incorrect: '',
        assessment_harm_extent: 'mild_moderate',
        assessment_harm_likelihood: 'low',
        assessment_overall: '4',
        assessment_rationale: 'Safe, but "call 911" should come first.',
        assessment_answers: '{"guideline":"aha","missing":["dose","duration"],"empathy":6,"note":"Clear."}',
      },
    ]);
  });

  it('is in Label Studio as results on the response', () => {
    const [task] = rows('label-studio', assessed) as LabelStudioTask[];
    const results = Object.fromEntries((task?.annotations[0].result ?? []).map((r) => [r.from_name, r]));
    expect(results.assessment_consensus).toMatchObject({ to_name: 'response', value: { choices: ['aligned'] } });
    expect(results.assessment_overall).toMatchObject({ value: { choices: ['4'] } });
    expect(results.assessment_rationale).toMatchObject({
      value: { text: ['Safe, but "call 911" should come first.'] },
    });
    expect(results.answer_missing).toMatchObject({ type: 'choices', value: { choices: ['dose', 'duration'] } });
    expect(results.answer_empathy).toMatchObject({ type: 'choices', value: { choices: ['6'] } });
    expect(results.answer_note).toMatchObject({ type: 'textarea', value: { text: ['Clear.'] } });
  });
});

describe('passage comments', () => {
  const text = chatCapture.turns[5]?.text ?? '';
  const exact = text.slice(10, 40);
  const passaged = withReview(approveT6, {
    kind: 'approve',
    turn: 5,
    ...common,
    passages: [
      {
        turn: 5,
        quote: { exact, prefix: text.slice(0, 10), suffix: text.slice(40, 72) },
        start: 10,
        end: 40,
        category: 'unclear',
        comment: 'Say which lactate.',
        correction: 'Repeat the lactate within 2 hours.',
      },
      { turn: 5, quote: { exact, prefix: '', suffix: '' }, category: 'well_done', comment: '' },
    ],
  });

  it('are in the CSV with their quotes and offsets', () => {
    const [row] = rows('csv', passaged) as Record<string, string>[];
    expect(JSON.parse(row?.passages ?? '')).toEqual([
      {
        turn: 5,
        category: 'unclear',
        quote: exact,
        start: 10,
        end: 40,
        comment: 'Say which lactate.',
        correction: 'Repeat the lactate within 2 hours.',
      },
      { turn: 5, category: 'well_done', quote: exact, comment: '' },
    ]);
  });

  it('are labelled regions of the response in Label Studio, with their comments on the same region', () => {
    const [task] = rows('label-studio', passaged) as LabelStudioTask[];
    const results = task?.annotations[0].result.filter((r) => r.id.startsWith('passage_')) ?? [];
    expect(results).toEqual([
      {
        id: 'passage_1',
        from_name: 'passage',
        to_name: 'response',
        type: 'labels',
        value: { start: 10, end: 40, text: exact, labels: ['unclear'] },
      },
      {
        id: 'passage_1',
        from_name: 'passage_comment',
        to_name: 'response',
        type: 'textarea',
        value: { text: ['Say which lactate.'], start: 10, end: 40 },
      },
      {
        id: 'passage_1',
        from_name: 'passage_correction',
        to_name: 'response',
        type: 'textarea',
        value: { text: ['Repeat the lactate within 2 hours.'], start: 10, end: 40 },
      },
      {
        id: 'passage_2',
        from_name: 'passage',
        to_name: 'response',
        type: 'labels',
        value: { start: 10, end: 40, text: exact, labels: ['well_done'] },
      },
    ]);
    // A region whose offsets do not hold its text is refused, as Label Studio would misplace it.
    const [first] = results;
    const shifted = { ...first, value: { ...(first?.value as object), start: 11, end: 41 } };
    const bad = { ...task, annotations: [{ ...task?.annotations[0], result: [shifted] }] };
    expect(ROW_SCHEMAS['label-studio'].safeParse(bad).success).toBe(false);
  });
});

describe('re-ratings', () => {
  const again = (r: ExportRecord): ExportRecord => ({ ...r, rerating: true });
  const mark = (format: ExportFormat, row: unknown) => {
    const value = row as { rerating?: unknown; data?: { rerating?: unknown } };
    return format === 'label-studio' ? value.data?.rerating : value.rerating;
  };
  const unmark = (row: unknown) => JSON.parse(JSON.stringify(row, (k, v) => (k === 'rerating' ? undefined : v)));

  it.each(EXPORT_FORMATS)('%s marks every row of a re-rating, and no row of a first rating', (format) => {
    const expected = format === 'csv' || format === 'label-studio' ? 'true' : true;
    for (const r of ALL) {
      const first = rows(format, r, LABEL);
      const second = rows(format, again(r), LABEL);
      expect(second.map((row) => mark(format, row))).toEqual(first.map(() => expected));
      expect(first.map((row) => mark(format, row))).toEqual(first.map(() => (format === 'csv' ? '' : undefined)));
      // Apart from the mark, a re-rating's rows are those of the same review as a first rating.
      expect(second.map(unmark)).toEqual(first.map(unmark));
    }
  });
});

describe('row schemas', () => {
  it('reject what a consumer would: extra fields, a prompt that does not end with the user, a wrong score', () => {
    const [pair] = rows('trl-preference', rankT07) as Record<string, unknown>[];
    expect(ROW_SCHEMAS['trl-preference'].safeParse({ ...pair, margin: 1 }).success).toBe(false);
    expect(
      ROW_SCHEMAS['trl-preference'].safeParse({ ...pair, prompt: [...t07Prompt, ...assistant('Sure.')] }).success,
    ).toBe(false);
    const [graded] = rows('healthbench', rubricT09) as Record<string, unknown>[];
    expect(ROW_SCHEMAS.healthbench.safeParse({ ...graded, score: 19 / 35 + 0.01 }).success).toBe(false);
    const [task] = rows('label-studio', approveT6) as { data: Record<string, string> }[];
    const { response: _, ...withoutResponse } = task?.data ?? {};
    expect(ROW_SCHEMAS['label-studio'].safeParse({ ...task, data: withoutResponse }).success).toBe(false);
  });
});

describe('csv injection', () => {
  it('never lets a spreadsheet run a field as a formula', async () => {
    const { csvLine, CSV_COLUMNS } = await import('../../utils/export/formats');
    const row = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Record<string, string>;
    const comment = CSV_COLUMNS.find((c) => c === 'comment') ?? 'comment';
    expect(csvLine({ ...row, [comment]: '=HYPERLINK("http://x","click")' })).toContain(
      `"'=HYPERLINK(""http://x"",""click"")"`,
    );
    expect(csvLine({ ...row, [comment]: '-2+3' })).toContain("'-2+3");
    expect(csvLine({ ...row, [comment]: 'fine' })).toContain(',fine');
  });
});
