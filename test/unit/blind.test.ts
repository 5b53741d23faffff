/**
 * Blind comparison's pure part (utils/review/blind.ts): the seeded order, the
 * task as an expert of a blind project sees it, the panel's capture of it, ids
 * given to responses, and the check that a comparison names its responses.
 */
import { describe, expect, it } from 'vitest';
import { projectAgreement } from '../../utils/agreement/project';
import { responseAgreement } from '../../utils/agreement/response';
import {
  blindTask,
  displayLabel,
  responseKey,
  seededOrder,
  taskResponses,
  unmappedComparison,
  withResponseIds,
} from '../../utils/review/blind';
import { taskSession } from '../../utils/review/task-session';
import type { Review } from '../../utils/schema/review';
import { Task } from '../../utils/schema/task';

const SERVER = 'https://attending.example.test';
const NOW = new Date('2026-11-25T10:00:00.000Z');

function ranking(n: number): Extract<Task, { kind: 'rank_responses' }> {
  return Task.parse({
    kind: 'rank_responses',
    id: 'cmp-1',
    title: 'Chest pain, low risk',
    specialty: 'emergency_medicine',
    estimatedMinutes: 5,
    prompt: 'Can this patient go home?',
    responses: Array.from({ length: n }, (_, i) => ({
      id: `r-${i}`,
      label: `Stored ${i}`,
      model: `model-${i}`,
      content: `Answer number ${i}.`,
    })),
  }) as Extract<Task, { kind: 'rank_responses' }>;
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

describe('seededOrder', () => {
  it('is a permutation, and the same one for the same seed', () => {
    for (let n = 1; n <= 20; n++) {
      const order = seededOrder(`expert:task-${n}`, n);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(seededOrder(`expert:task-${n}`, n)).toEqual(order);
    }
  });

  it('gives every order about as often, over many seeds (3 and 4 responses)', () => {
    for (const n of [3, 4]) {
      const seeds = 400 * factorial(n);
      const counts = new Map<string, number>();
      for (let i = 0; i < seeds; i++) {
        const key = seededOrder(`expert-${i}\u0000task-${i % 7}`, n).join('');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(counts.size).toBe(factorial(n));
      // 400 expected each; a binomial's 5 standard deviations are about ±100.
      for (const count of counts.values()) expect(count).toBeGreaterThan(300);
      for (const count of counts.values()) expect(count).toBeLessThan(500);
    }
  });

  it('puts each response first about as often (20 responses)', () => {
    const first = new Array(20).fill(0);
    for (let i = 0; i < 20_000; i++) first[seededOrder(`e${i}`, 20)[0] as number] += 1;
    for (const count of first) expect(Math.abs(count - 1000)).toBeLessThan(160);
  });
});

describe('blindTask', () => {
  it('shows the responses in the seed’s order, labelled A, B, C… in that order, without models', () => {
    const task = ranking(5);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const seed = `expert-${i}`;
      const shown = blindTask(task, { seed, revealModels: false });
      if (shown.kind !== 'rank_responses') throw new Error('kind changed');
      const order = seededOrder(seed, 5);
      seen.add(order.join(''));
      expect(shown.responses.map((r) => r.id)).toEqual(order.map((j) => `r-${j}`));
      expect(shown.responses.map((r) => r.content)).toEqual(order.map((j) => `Answer number ${j}.`));
      expect(shown.responses.map((r) => r.label)).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(shown.responses.some((r) => 'model' in r)).toBe(false);
      expect(JSON.stringify(shown)).not.toMatch(/model-|Stored/);
      expect({ ...shown, responses: [] }).toEqual({ ...task, responses: [] });
    }
    expect(seen.size).toBeGreaterThan(50);
  });

  it('keeps the models where the project reveals them (after submission), in the same order', () => {
    const task = ranking(4);
    const hidden = blindTask(task, { seed: 's', revealModels: false });
    const revealed = blindTask(task, { seed: 's', revealModels: true });
    if (revealed.kind !== 'rank_responses' || hidden.kind !== 'rank_responses') throw new Error('kind changed');
    expect(revealed.responses.map((r) => r.id)).toEqual(hidden.responses.map((r) => r.id));
    for (const r of revealed.responses) expect(r.model).toBe(`model-${r.id?.slice(2)}`);
  });

  it('hides the model of a single response too, and leaves a written prompt alone', () => {
    const single = Task.parse({
      kind: 'review_response',
      id: 'one',
      title: 'One',
      specialty: 'other',
      estimatedMinutes: 1,
      prompt: 'Q?',
      response: { label: 'gpt-x', model: 'gpt-x', content: 'A.' },
    });
    expect(blindTask(single, { seed: 's', revealModels: false })).toEqual({
      ...single,
      response: { label: 'A', content: 'A.' },
    });
    const write = Task.parse({
      kind: 'write_prompt',
      id: 'w',
      title: 'W',
      specialty: 'other',
      estimatedMinutes: 1,
      instructions: 'Write one.',
      requirements: [],
    });
    expect(blindTask(write, { seed: 's', revealModels: false })).toEqual(write);
  });

  it('becomes a capture whose turns carry the response ids and no model (what the panel can show)', () => {
    const shown = blindTask(ranking(3), { seed: 'expert-7', revealModels: false });
    const { capture, focus } = taskSession(shown, SERVER, NOW);
    if (!capture || shown.kind !== 'rank_responses') throw new Error('no capture');
    expect(capture.turns.map((t) => t.messageId)).toEqual([undefined, ...shown.responses.map((r) => r.id)]);
    expect(capture.turns.every((t) => t.model === undefined)).toBe(true);
    expect(focus).toEqual({ kind: 'rank', turns: [1, 2, 3] });
    // Without blindness, the panel shows the models the task carries.
    const open = taskSession(ranking(3), SERVER, NOW).capture;
    expect(open?.turns.map((t) => t.model)).toEqual([undefined, 'model-0', 'model-1', 'model-2']);
  });
});

describe('withResponseIds', () => {
  const bare = (): Extract<Task, { kind: 'rank_responses' }> => {
    const task = ranking(3);
    return { ...task, responses: task.responses.map(({ id: _id, ...r }) => r) };
  };
  let n = 0;
  const newId = () => `new-${++n}`;

  it('gives an id to each response of a ranking without one, and keeps the ones given', () => {
    const task = bare();
    task.responses[1] = { ...(task.responses[1] as (typeof task.responses)[number]), id: 'mine' };
    const ids = taskResponses(withResponseIds(task, undefined, newId)).map((r) => r.id);
    expect(ids[1]).toBe('mine');
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => id !== undefined)).toBe(true);
  });

  it('keeps the ids a response had when its task is loaded again with the same content', () => {
    const first = withResponseIds(bare(), undefined, newId);
    const reloaded = bare();
    reloaded.responses.reverse();
    const again = withResponseIds(reloaded, first, newId);
    const byContent = (t: Task) => Object.fromEntries(taskResponses(t).map((r) => [r.content, r.id]));
    expect(byContent(again)).toEqual(byContent(first));
    const changed = bare();
    changed.responses[0] = { ...(changed.responses[0] as (typeof changed.responses)[number]), content: 'New text.' };
    expect(byContent(withResponseIds(changed, first, newId))['New text.']).toMatch(/^new-/);
  });

  it('never gives two responses one id', () => {
    const task = bare();
    task.responses[0] = { ...(task.responses[0] as (typeof task.responses)[number]), id: 'new-1000' };
    let next = 999;
    const ids = taskResponses(withResponseIds(task, undefined, () => `new-${++next}`)).map((r) => r.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('is refused twice in one task by the schema', () => {
    const task = ranking(2);
    const same = { ...task, responses: task.responses.map((r) => ({ ...r, id: 'r-0' })) };
    const result = Task.safeParse(same);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['responses', 1, 'id']);
  });
});

describe('unmappedComparison', () => {
  const task = ranking(3);
  const shown = blindTask(task, { seed: 'x', revealModels: false });
  const capture = taskSession(shown, SERVER, NOW).capture;
  if (!capture) throw new Error('no capture');
  const rank: Review = {
    kind: 'rank',
    ranking: [
      { turn: 1, rank: 1 },
      { turn: 2, rank: 2 },
      { turn: 3, rank: 3 },
    ],
    comment: '',
    activeMs: 1,
  };

  it('accepts a comparison made on the panel’s capture, and any review that compares nothing', () => {
    expect(unmappedComparison(task, { capture, review: rank })).toEqual([]);
    expect(
      unmappedComparison(task, { capture, review: { kind: 'approve', turn: 1, comment: '', activeMs: 1 } }),
    ).toEqual([]);
  });

  it('names the turn that carries no id of the task, or one id twice', () => {
    const noId = { ...capture, turns: capture.turns.map((t, i) => (i === 2 ? { ...t, messageId: undefined } : t)) };
    expect(unmappedComparison(task, { capture: noId, review: rank }).map((p) => p.path)).toEqual([
      'capture.turns.2.messageId',
    ]);
    const other = { ...capture, turns: capture.turns.map((t, i) => (i === 3 ? { ...t, messageId: 'r-99' } : t)) };
    expect(unmappedComparison(task, { capture: other, review: rank }).map((p) => p.path)).toEqual([
      'capture.turns.3.messageId',
    ]);
    const second = capture.turns[2]?.messageId;
    const twice = { ...capture, turns: capture.turns.map((t, i) => (i === 3 ? { ...t, messageId: second } : t)) };
    expect(unmappedComparison(task, { capture: twice, review: rank }).length).toBe(1);
    expect(unmappedComparison(task, { review: rank })).toEqual([{ path: 'capture', message: expect.any(String) }]);
  });
});

describe('responseKey', () => {
  it('names a task’s response by its id, and a page’s by its place', () => {
    const capture = taskSession(ranking(2), SERVER, NOW).capture;
    if (!capture) throw new Error('no capture');
    expect(responseKey(capture, 2)).toBe('response:r-1');
    expect(responseKey({ ...capture, site: 'chatgpt' }, 2)).toBe('turn:2');
    expect(responseKey(undefined, 2)).toBe('turn:2');
  });
});

describe('agreement on a blind task', () => {
  /** Two experts' reviews, each made on their own order, of the one verdict: best is the stored order. */
  function reviewsOf(n: number) {
    const task = ranking(n);
    // The second expert is the first one whose order differs from the first expert's.
    let k = 0;
    while (seededOrder(`expert-${k}`, n).join() === seededOrder('expert-a', n).join()) k++;
    const seeds = ['expert-a', `expert-${k}`];
    return seeds.map((seed) => {
      const capture = taskSession(blindTask(task, { seed, revealModels: false }), SERVER, NOW).capture;
      if (!capture) throw new Error('no capture');
      const storedIndex = (turn: number) => task.responses.findIndex((r) => r.content === capture.turns[turn]?.text);
      const turns = capture.turns.flatMap((_, turn) => (turn === 0 ? [] : [turn]));
      const review: Review =
        n === 2
          ? {
              kind: 'pairwise',
              a: 1,
              b: 2,
              preference: storedIndex(1) === 0 ? 'a_better' : 'b_better',
              comment: '',
              activeMs: 1,
            }
          : {
              kind: 'rank',
              ranking: turns.map((turn) => ({ turn, rank: storedIndex(turn) + 1 })),
              comment: '',
              activeMs: 1,
            };
      return { review, capture };
    });
  }

  it('compares the real responses, not the places they were shown in', () => {
    expect(responseAgreement(reviewsOf(4))).toEqual([{ measure: 'rankings', value: 1, raters: 2 }]);
    expect(responseAgreement(reviewsOf(2))).toEqual([{ measure: 'pairwise', value: 1, raters: 2 }]);
    const report = projectAgreement(
      reviewsOf(4).map((r, i) => ({ ...r, taskId: 'cmp-1', expert: { id: `e${i}`, name: `E${i}` } })),
    );
    expect(report.ranking).toEqual({ meanKendallW: 1, tasks: 1 });
    expect(report.experts.map((e) => e.rankingTau)).toEqual([1, 1]);
  });
});

it('labels positions A to T', () => {
  expect(Array.from({ length: 20 }, (_, i) => displayLabel(i)).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
});
