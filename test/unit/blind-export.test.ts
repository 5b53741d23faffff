/**
 * A randomised display order can never swap a winner. For many blind orders
 * of one comparison task, an expert ranks (or, for two responses, compares)
 * what the panel shows them, judging each response by its content; every
 * export format must then say the same thing about the real responses and
 * their models as the expert meant. The checks judge each row by the text it
 * carries and by the response ids and models of the stored task, never by
 * display place: the same test passes for every order, or fails.
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, type ExportFormat, type ExportRecord, exportRows } from '../../utils/export/formats';
import { ROW_SCHEMAS } from '../../utils/export/schemas';
import { blindTask, seededOrder } from '../../utils/review/blind';
import { taskSession } from '../../utils/review/task-session';
import { PREFERENCES, type Review } from '../../utils/schema/review';
import { Submission } from '../../utils/schema/submission';
import { Task } from '../../utils/schema/task';

const SERVER = 'https://attending.example.test';
const NOW = new Date('2026-11-25T10:00:00.000Z');

type RankTask = Extract<Task, { kind: 'rank_responses' }>;

function comparison(n: number): RankTask {
  return Task.parse({
    kind: 'rank_responses',
    id: `cmp-${n}`,
    title: 'Hyperkalaemia with ECG changes',
    specialty: 'emergency_medicine',
    estimatedMinutes: 5,
    prompt: 'K+ 7.1 with peaked T waves: what first?',
    responses: Array.from({ length: n }, (_, i) => ({
      id: `resp-${i}`,
      label: String.fromCharCode(65 + i),
      model: `model-${i}`,
      content: `Answer ${i}: calcium gluconate first, then insulin with dextrose (variant ${i}).`,
    })),
  }) as RankTask;
}

/** What the expert means, about the stored responses (by index): a rank each (1 best, ties allowed), or a pairwise verdict. */
type Intent =
  | { kind: 'rank'; ranks: number[] }
  | { kind: 'pairwise'; winner: number | 'tie' | 'both_bad'; strength: 'much' | 'plain' | 'slightly' };

/** A small seeded generator for the test's own choices (which orders and intents), so a failure reproduces. */
function draws(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function randomIntent(n: number, next: () => number): Intent {
  if (n === 2) {
    const r = next();
    const winner = r < 0.4 ? 0 : r < 0.8 ? 1 : r < 0.9 ? 'tie' : 'both_bad';
    const strength = (['much', 'plain', 'slightly'] as const)[Math.floor(next() * 3)] ?? 'plain';
    return { kind: 'pairwise', winner, strength };
  }
  // Dense ranks with ties: draw a level per response, then number the distinct levels 1, 2, …
  const levels = Array.from({ length: n }, () => Math.floor(next() * n));
  const distinct = [...new Set(levels)].sort((a, b) => a - b);
  return { kind: 'rank', ranks: levels.map((l) => distinct.indexOf(l) + 1) };
}

/**
 * The review the expert submits: made on the capture the panel shows, where
 * the expert knows each response only by its text.
 */
function reviewOnScreen(task: RankTask, shown: Task, intent: Intent) {
  const session = taskSession(shown, SERVER, NOW);
  const capture = session.capture;
  if (!capture || session.focus.kind !== 'rank') throw new Error('a comparison opens as a ranking');
  const storedIndexOf = (turn: number) => task.responses.findIndex((r) => r.content === capture.turns[turn]?.text);
  const turns = session.focus.turns;
  let review: Review;
  if (intent.kind === 'rank') {
    review = {
      kind: 'rank',
      ranking: turns.map((turn) => ({ turn, rank: intent.ranks[storedIndexOf(turn)] as number })),
      comment: '',
      activeMs: 1000,
    };
  } else {
    const [a, b] = turns as [number, number];
    const side = intent.winner === storedIndexOf(a) ? 'a' : 'b';
    const preference =
      intent.winner === 'tie' || intent.winner === 'both_bad'
        ? intent.winner
        : intent.strength === 'plain'
          ? (`${side}_better` as const)
          : (`${side}_${intent.strength}_better` as const);
    expect(PREFERENCES).toContain(preference);
    review = { kind: 'pairwise', a, b, preference, comment: '', activeMs: 1000 };
  }
  return { capture, review };
}

function record(task: RankTask, shown: Task, intent: Intent, i: number): ExportRecord {
  const { capture, review } = reviewOnScreen(task, shown, intent);
  const submission = Submission.parse({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    schemaVersion: 1,
    taskId: task.id,
    capture,
    review,
    createdAt: '2026-11-25T10:05:00.000Z',
  });
  return { submission, reviewer: 'reviewer-1', receivedAt: '2026-11-25T10:05:01.000Z', task };
}

/** The expert's verdict on two stored responses: which one they meant to win. */
function meant(intent: Intent, x: number, y: number): number | 'tie' | 'both_bad' {
  if (intent.kind === 'pairwise') return intent.winner;
  const [rx, ry] = [intent.ranks[x] as number, intent.ranks[y] as number];
  return rx < ry ? x : ry < rx ? y : 'tie';
}

type Row = Record<string, unknown>;
type Message = { role: string; content: string };

/** Each format's rows, judged against what the expert meant. A new format without a check does not compile. */
const CHECKS: Record<ExportFormat, (rows: Row[], task: RankTask, intent: Intent) => void> = {
  'trl-preference': (rows, task, intent) => {
    const index = (m: unknown) => task.responses.findIndex((r) => r.content === (m as Message[])[0]?.content);
    for (const row of rows) {
      const [chosen, rejected] = [index(row.chosen), index(row.rejected)];
      expect(meant(intent, chosen, rejected)).toBe(chosen);
    }
    const n = task.responses.length;
    const decided = [];
    for (let x = 0; x < n; x++)
      for (let y = x + 1; y < n; y++) if (typeof meant(intent, x, y) === 'number') decided.push(1);
    expect(rows).toHaveLength(decided.length);
  },
  arena: (rows, task, intent) => {
    const n = task.responses.length;
    expect(rows).toHaveLength((n * (n - 1)) / 2);
    for (const row of rows) {
      const shownText = (side: unknown) => (side as Message[]).at(-1)?.content;
      const a = task.responses.findIndex((r) => r.content === shownText(row.conversation_a));
      const b = task.responses.findIndex((r) => r.content === shownText(row.conversation_b));
      // The model named on each side is the one that wrote the text on that side.
      expect(row.model_a).toBe(task.responses[a]?.model);
      expect(row.model_b).toBe(task.responses[b]?.model);
      const verdict = meant(intent, a, b);
      const expected =
        verdict === a ? 'model_a' : verdict === b ? 'model_b' : verdict === 'both_bad' ? 'tie (bothbad)' : 'tie';
      expect(row.winner).toBe(expected);
    }
  },
  'label-studio': (rows, task, intent) => {
    expect(rows).toHaveLength(1);
    const data = (rows[0] as { data: Record<string, string> }).data;
    const results = (rows[0] as { annotations: [{ result: { from_name: string; value: { choices?: string[] } }[] }] })
      .annotations[0].result;
    const index = (field: string) => task.responses.findIndex((r) => r.content === data[field]);
    if (intent.kind === 'rank') {
      const fields = Object.keys(data).filter((k) => /^response_\d+$/.test(k));
      expect(fields).toHaveLength(task.responses.length);
      for (const field of fields) {
        const rank = results.find((r) => r.from_name === `rank_${field.slice('response_'.length)}`)?.value.choices;
        expect(rank).toEqual([String(intent.ranks[index(field)])]);
      }
    } else {
      const preference = results.find((r) => r.from_name === 'preference')?.value.choices?.[0] ?? '';
      const [a, b] = [index('response_a'), index('response_b')];
      const winner = preference.startsWith('a_') ? a : preference.startsWith('b_') ? b : preference;
      expect(winner).toBe(intent.winner);
    }
  },
  csv: (rows, task, intent) => {
    expect(rows).toHaveLength(1);
    const verdict = String(rows[0]?.verdict);
    const index = (id: string) => task.responses.findIndex((r) => r.id === id);
    if (intent.kind === 'rank') {
      // "id=id>id": responses named by their ids, best first.
      const levels = verdict.split('>').map((level) => level.split('=').map(index));
      levels.forEach((level, i) => {
        for (const x of level) expect(intent.ranks[x]).toBe(i + 1);
      });
      expect(levels.flat().sort((x, y) => x - y)).toEqual(task.responses.map((_, i) => i));
    } else {
      const match = /^(\w+) \(a=(.+), b=(.+)\)$/.exec(verdict);
      const [preference = '', a = '', b = ''] = match?.slice(1) ?? [];
      const winner = preference.startsWith('a_') ? index(a) : preference.startsWith('b_') ? index(b) : preference;
      expect(winner).toBe(intent.winner);
    }
  },
  // Formats of single responses: a comparison gives them nothing to carry.
  'trl-unpaired': (rows) => expect(rows).toEqual([]),
  'trl-stepwise': (rows) => expect(rows).toEqual([]),
  prm800k: (rows) => expect(rows).toEqual([]),
  healthbench: (rows) => expect(rows).toEqual([]),
};

describe('blind comparisons in every export', () => {
  it.each([
    [2, 300],
    [3, 300],
    [4, 300],
    [6, 300],
    [20, 60],
  ])('%i responses: %i random orders and verdicts, every winner where the expert put it', (n, trials) => {
    const task = comparison(n);
    const next = draws(n);
    const orders = new Set<string>();
    for (let i = 0; i < trials; i++) {
      const seed = `expert-${Math.floor(next() * 1e9)}\u0000${task.id}`;
      orders.add(seededOrder(seed, n).join(','));
      const shown = blindTask(task, { seed, revealModels: false });
      const intent = randomIntent(n, next);
      const r = record(task, shown, intent, i);
      for (const format of EXPORT_FORMATS) {
        for (const ties of ['exclude', 'label'] as const) {
          const rows = exportRows(format, r, { ties }) as Row[];
          for (const row of rows) ROW_SCHEMAS[format].parse(row);
          // Labelled ties keep no winner: only the decided pairs are checked for trl-preference.
          CHECKS[format](
            format === 'trl-preference' && ties === 'label' ? rows.filter((row) => row.label === undefined) : rows,
            task,
            intent,
          );
        }
      }
    }
    // The orders really were shuffled: all of them for a few responses, hundreds for many.
    const possible = Array.from({ length: n }, (_, i) => i + 1).reduce((a, b) => a * b, 1);
    expect(orders.size).toBeGreaterThanOrEqual(Math.min(possible, trials * 0.6));
  });

  it('names the models by response id even when the capture shows none, and only then', () => {
    const task = comparison(3);
    const shown = blindTask(task, { seed: 'expert-1', revealModels: false });
    const intent: Intent = { kind: 'rank', ranks: [1, 2, 3] };
    const r = record(task, shown, intent, 1);
    expect(r.submission.capture?.turns.some((t) => t.model)).toBe(false);
    const models = (rows: unknown[]) => rows.flatMap((row) => [(row as Row).model_a, (row as Row).model_b]);
    expect(new Set(models(exportRows('arena', r, { ties: 'exclude' })))).toEqual(
      new Set(['model-0', 'model-1', 'model-2']),
    );
    // Without the task the models are unknown: never guessed from the place a response was shown in.
    const { task: _task, ...withoutTask } = r;
    expect(new Set(models(exportRows('arena', withoutTask, { ties: 'exclude' })))).toEqual(new Set(['unknown']));
  });
});
