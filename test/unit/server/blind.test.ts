/**
 * Blind comparison on the server, on both databases: comparisons made into
 * tasks (and the input refused, field by field), each expert served an order
 * of their own without models, the models revealed after submission where
 * the project says so, a review made on the displayed order stored as sent and
 * exported with the winner the expert chose, and agreement computed on the
 * real responses.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToken } from '../../../server/auth';
import { createUser } from '../../../server/people';
import { taskSession } from '../../../utils/review/task-session';
import { AgreementReport, AssignedTasks, ComparisonTasks, Project, type Review, Task } from '../../../utils/schema';
import { type Harness, harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.db.close());

type RankTask = Extract<Task, { kind: 'rank_responses' }>;

async function project(settings: object): Promise<Project> {
  const res = await h.call('POST', '/v1/projects', { token: h.leadToken, body: { name: 'Blind study', ...settings } });
  expect(res.status).toBe(201);
  return Project.parse(await res.json());
}

const MODELS = ['model-alpha', 'model-beta', 'model-gamma', 'model-delta'];

function comparison(n: number, extra: object = {}) {
  return {
    title: 'Hyperkalaemia with ECG changes',
    specialty: 'emergency_medicine',
    estimatedMinutes: 5,
    prompt: 'K+ 7.1 with peaked T waves: what first?',
    responses: MODELS.slice(0, n).map((model, i) => ({ model, content: `Answer ${i}: calcium gluconate first.` })),
    ...extra,
  };
}

async function compare(p: Project, comparisons: object[], token = h.leadToken): Promise<Response> {
  return h.call('POST', `/v1/projects/${p.id}/comparisons`, { token, body: { comparisons } });
}

async function made(p: Project, comparisons: object[]): Promise<RankTask[]> {
  const res = await compare(p, comparisons);
  expect(res.status, await res.clone().text()).toBe(201);
  return ComparisonTasks.parse(await res.json()).tasks as RankTask[];
}

async function experts(n: number): Promise<{ id: string; token: string }[]> {
  const out = [];
  for (let i = 0; i < n; i++) {
    const id = await createUser(h.db, { teamId: h.teamId, name: `Expert ${i}`, role: 'expert' });
    out.push({ id, token: await createToken(h.db, id) });
  }
  return out;
}

async function assign(p: Project, taskId: string, userId: string) {
  const res = await h.call('POST', `/v1/projects/${p.id}/assignments`, {
    token: h.leadToken,
    body: { taskId, userId },
  });
  expect(res.status).toBe(200);
}

/** The task as the expert is served it. */
async function served(token: string, taskId: string): Promise<RankTask> {
  const res = await h.call('GET', '/v1/tasks/assigned', { token });
  expect(res.status).toBe(200);
  const found = AssignedTasks.parse(await res.json()).tasks.find((t) => t.task.id === taskId);
  if (found?.task.kind !== 'rank_responses') throw new Error(`${taskId} is not served`);
  return found.task;
}

/** A ranking made in the panel on what the expert was served, each response ranked by its content's place in `best`. */
function ranked(shown: RankTask, best: string[], id: string) {
  const { capture } = taskSession(shown, 'http://127.0.0.1:8787', new Date('2026-11-25T10:00:00Z'));
  if (!capture) throw new Error('no capture');
  const review: Review = {
    kind: 'rank',
    ranking: capture.turns.flatMap((t, turn) => (turn === 0 ? [] : [{ turn, rank: best.indexOf(t.text) + 1 }])),
    comment: '',
    activeMs: 1000,
  };
  return { id, schemaVersion: 1, taskId: shown.id, capture, review, createdAt: '2026-11-25T10:05:00.000Z' };
}

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe('blind projects', () => {
  it('are created with their setting and read back; other projects have none', async () => {
    expect((await project({ blind: { revealModels: true } })).blind).toEqual({ revealModels: true });
    expect((await project({ blind: {} })).blind).toEqual({ revealModels: false });
    expect((await project({})).blind).toBeUndefined();
    const res = await h.call('GET', '/v1/projects', { token: h.expertToken });
    const listed = (await res.json()).projects.map((p: Project) => p.blind);
    expect(listed).toEqual(expect.arrayContaining([{ revealModels: true }, { revealModels: false }]));
  });
});

describe('POST /v1/projects/{id}/comparisons', () => {
  it('makes a pairwise task of two responses and a ranking of more, every response with its own id', async () => {
    const p = await project({ blind: {} });
    const [pair, four] = await made(p, [comparison(2, { id: 'cmp-pair' }), comparison(4)]);
    expect(pair?.id).toBe('cmp-pair');
    expect(pair?.responses.map((r) => [r.label, r.model])).toEqual([
      ['A', 'model-alpha'],
      ['B', 'model-beta'],
    ]);
    expect(four?.responses).toHaveLength(4);
    const ids = [...(pair?.responses ?? []), ...(four?.responses ?? [])].map((r) => r.id);
    expect(new Set(ids).size).toBe(6);
    // Ids say nothing of the model or the place.
    for (const id of ids) expect(id).toMatch(/^r-[0-9a-f-]{36}$/);
    const [stored] = await h.db.query<{ body: unknown; project_id: string }>(
      'SELECT body, project_id FROM tasks WHERE id = $1',
      ['cmp-pair'],
    );
    expect(stored).toEqual({ body: pair, project_id: p.id });
  });

  it('refuses two responses from one model with a 400 naming the field', async () => {
    const p = await project({ blind: {} });
    const twice = comparison(3);
    twice.responses[2] = { model: ' Model-Alpha ', content: 'Another answer.' };
    const res = await compare(p, [comparison(2), twice]);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual(['comparisons.1.responses.2.model']);
    expect(error.message).toMatch(/^comparisons\.1\.responses\.2\.model: .*different model/);
    expect(await h.db.query("SELECT 1 FROM tasks WHERE id LIKE 'cmp-%'")).toEqual([]);
  });

  it('refuses fewer than two or more than twenty responses, and a bad field, naming it', async () => {
    const p = await project({ blind: {} });
    const one = { ...comparison(2), responses: comparison(1).responses };
    const many = {
      ...comparison(2),
      responses: Array.from({ length: 21 }, (_, i) => ({ model: `m${i}`, content: `Answer ${i}` })),
    };
    for (const [body, path] of [
      [one, 'comparisons.0.responses'],
      [many, 'comparisons.0.responses'],
      [{ ...comparison(2), prompt: '' }, 'comparisons.0.prompt'],
      [{ ...comparison(2), id: 'no spaces' }, 'comparisons.0.id'],
      [
        {
          ...comparison(2),
          responses: [
            { model: '', content: 'x' },
            { model: 'b', content: 'y' },
          ],
        },
        'comparisons.0.responses.0.model',
      ],
    ] as const) {
      const res = await compare(p, [body]);
      expect(res.status).toBe(400);
      expect((await res.json()).error.issues[0].path).toBe(path);
    }
  });

  it('refuses a project that is not blind, a task id taken, and one id twice', async () => {
    const open = await project({});
    expect((await compare(open, [comparison(2)])).status).toBe(409);
    const p = await project({ blind: {} });
    await made(p, [comparison(2, { id: 'cmp-1' })]);
    const taken = await compare(p, [comparison(2, { id: 'cmp-2' }), comparison(2, { id: 'clin-t01' })]);
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.issues[0].path).toBe('comparisons.1.id');
    // Nothing of the refused request is kept, and the demo task it named is unchanged.
    expect(await h.db.query("SELECT 1 FROM tasks WHERE id = 'cmp-2'")).toEqual([]);
    const [demo] = await h.db.query<{ body: Task }>("SELECT body FROM tasks WHERE id = 'clin-t01'");
    expect(demo?.body.kind).toBe('review_response');
    const twice = await compare(p, [comparison(2, { id: 'cmp-3' }), comparison(3, { id: 'cmp-3' })]);
    expect(twice.status).toBe(400);
    expect((await twice.json()).error.issues[0].path).toBe('comparisons.1.id');
  });

  it('is for leads and admins', async () => {
    const p = await project({ blind: {} });
    expect((await compare(p, [comparison(2)], h.expertToken)).status).toBe(403);
  });
});

describe('serving a blind task', () => {
  it('gives each expert an order of their own, the same every time, labelled A, B, C…, without models', async () => {
    const p = await project({ blind: {} });
    const [task] = await made(p, [comparison(4)]);
    if (!task) throw new Error('no task');
    const team = await experts(8);
    const orders = new Set<string>();
    for (const e of team) {
      await assign(p, task.id, e.id);
      const shown = await served(e.token, task.id);
      expect(shown.responses.map((r) => r.label)).toEqual(['A', 'B', 'C', 'D']);
      expect(JSON.stringify(shown)).not.toMatch(/model-/);
      expect(shown.responses.map((r) => r.id).sort()).toEqual(task.responses.map((r) => r.id).sort());
      // Each id still goes with its own content.
      for (const r of shown.responses) expect(task.responses.find((x) => x.id === r.id)?.content).toBe(r.content);
      expect(await served(e.token, task.id)).toEqual(shown);
      orders.add(shown.responses.map((r) => r.id).join());
    }
    // Eight experts all given one order of 24 would happen once in 24^7 runs.
    expect(orders.size).toBeGreaterThan(1);
  });

  it('serves a claimed task in the order of the expert’s task list', async () => {
    const p = await project({ blind: {} });
    const [task] = await made(p, [comparison(4)]);
    const [e] = await experts(1);
    if (!task || !e) throw new Error('setup');
    const res = await h.call('POST', `/v1/projects/${p.id}/claim`, { token: e.token });
    expect(res.status).toBe(200);
    const claimed = (await res.json()).task as RankTask;
    expect(JSON.stringify(claimed)).not.toMatch(/model-/);
    expect(claimed).toEqual(await served(e.token, task.id));
  });

  it('reveals the models once the expert submitted, where the project says so, and not before', async () => {
    for (const revealModels of [true, false]) {
      const p = await project({ blind: { revealModels } });
      const [task] = await made(p, [comparison(3, { id: `cmp-reveal-${revealModels}` })]);
      const [e] = await experts(1);
      if (!task || !e) throw new Error('setup');
      await assign(p, task.id, e.id);
      const before = await served(e.token, task.id);
      expect(JSON.stringify(before)).not.toMatch(/model-/);
      const best = task.responses.map((r) => r.content);
      const sent = await h.call('POST', '/v1/submissions/batch', {
        token: e.token,
        body: { submissions: [ranked(before, best, uuid(revealModels ? 1 : 2))] },
      });
      expect(sent.status, await sent.clone().text()).toBe(200);
      const after = await served(e.token, task.id);
      expect(after.responses.map((r) => r.id)).toEqual(before.responses.map((r) => r.id));
      expect(after.responses.map((r) => r.model)).toEqual(
        revealModels
          ? after.responses.map((r) => task.responses.find((x) => x.id === r.id)?.model)
          : [undefined, undefined, undefined],
      );
    }
  });

  it('refuses a comparison whose turns do not name the task’s responses, naming the field', async () => {
    const p = await project({ blind: {} });
    const [task] = await made(p, [comparison(3)]);
    const [e] = await experts(1);
    if (!task || !e) throw new Error('setup');
    await assign(p, task.id, e.id);
    const submission = ranked(
      await served(e.token, task.id),
      task.responses.map((r) => r.content),
      uuid(3),
    );
    const { messageId: _dropped, ...bare } = submission.capture.turns[2] ?? { role: 'assistant' };
    submission.capture.turns[2] = bare as (typeof submission.capture.turns)[number];
    const res = await h.call('POST', '/v1/submissions/batch', { token: e.token, body: { submissions: [submission] } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('submissions.0.capture.turns.2.messageId');
    expect(await h.db.query('SELECT 1 FROM submissions WHERE id = $1', [uuid(3)])).toEqual([]);
  });
});

describe('reviews of blind tasks', () => {
  it('export the winner each expert chose, and agree on the real responses, whatever order each saw', async () => {
    const p = await project({ blind: {} });
    const [task] = await made(p, [comparison(4)]);
    if (!task) throw new Error('no task');
    const team = await experts(6);
    // Every expert means the same ranking: delta, beta, alpha, gamma.
    const best = ['model-delta', 'model-beta', 'model-alpha', 'model-gamma'].map(
      (m) => task.responses.find((r) => r.model === m)?.content ?? '',
    );
    const orders = new Set<string>();
    for (const [i, e] of team.entries()) {
      await assign(p, task.id, e.id);
      const shown = await served(e.token, task.id);
      orders.add(shown.responses.map((r) => r.id).join());
      const submission = ranked(shown, best, uuid(10 + i));
      const res = await h.call('POST', '/v1/submissions/batch', {
        token: e.token,
        body: { submissions: [submission] },
      });
      expect(res.status).toBe(200);
      // Stored as sent: in the order the expert saw.
      const [stored] = await h.db.query<{ body: unknown }>('SELECT body FROM submissions WHERE id = $1', [
        uuid(10 + i),
      ]);
      expect(stored?.body).toEqual(submission);
    }
    expect(orders.size).toBeGreaterThan(1);

    const arena = await h.call('GET', `/v1/exports/arena?project=${p.id}`, { token: h.leadToken });
    expect(arena.status).toBe(200);
    const battles = (await arena.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(battles).toHaveLength(6 * 6);
    const rank = (model: string) => ['model-delta', 'model-beta', 'model-alpha', 'model-gamma'].indexOf(model);
    for (const b of battles) {
      expect(b.winner).toBe(rank(b.model_a) < rank(b.model_b) ? 'model_a' : 'model_b');
      // The text on each side is that model's.
      expect(b.conversation_a.at(-1).content).toBe(task.responses.find((r) => r.model === b.model_a)?.content);
    }

    const trl = await h.call('GET', `/v1/exports/trl-preference?project=${p.id}`, { token: h.leadToken });
    const pairs = (await trl.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(pairs).toHaveLength(6 * 6);
    for (const pair of pairs) {
      expect(best.indexOf(pair.chosen[0].content)).toBeLessThan(best.indexOf(pair.rejected[0].content));
    }

    const csv = await (await h.call('GET', `/v1/exports/csv?project=${p.id}`, { token: h.leadToken })).text();
    const ids = best.map((content) => task.responses.find((r) => r.content === content)?.id);
    expect(csv.split('\r\n').filter((line) => line.includes(ids.join('>')))).toHaveLength(6);

    const agreement = await h.call('GET', `/v1/projects/${p.id}/agreement`, { token: h.leadToken });
    expect(AgreementReport.parse(await agreement.json()).ranking).toEqual({ meanKendallW: 1, tasks: 1 });
  });
});

describe('response ids of tasks loaded by a lead', () => {
  const ranking = () => {
    const task = Task.parse({
      kind: 'rank_responses',
      id: 'loaded-rank',
      title: 'Loaded',
      specialty: 'other',
      estimatedMinutes: 3,
      prompt: 'Which?',
      responses: [
        { label: 'A', model: 'x', content: 'First.' },
        { label: 'B', model: 'y', content: 'Second.' },
      ],
    });
    return { task };
  };
  const stored = async () =>
    (
      (await h.db.query<{ body: RankTask }>("SELECT body FROM tasks WHERE id = 'loaded-rank'"))[0]?.body.responses ?? []
    ).map((r) => r.id);

  it('are given when missing and kept when the same task is loaded again', async () => {
    const p = await project({ blind: {} });
    const load = () =>
      h.call('POST', `/v1/projects/${p.id}/tasks`, { token: h.leadToken, body: { tasks: [ranking()] } });
    expect((await load()).status).toBe(200);
    const first = await stored();
    expect(first.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(first).size).toBe(2);
    expect((await load()).status).toBe(200);
    expect(await stored()).toEqual(first);
  });

  it('are given by migration 0009 to the rankings stored before it', async () => {
    const { task } = ranking();
    await h.db.query('INSERT INTO tasks (team_id, id, body) VALUES ($1, $2, $3::jsonb)', [
      h.teamId,
      task.id,
      JSON.stringify(task),
    ]);
    const sql = readFileSync(new URL('../../../server/migrations/0009_blind.sql', import.meta.url), 'utf8');
    await h.db.query(sql.slice(sql.indexOf('UPDATE tasks')));
    const ids = await stored();
    expect(ids.every((id) => /^r-[0-9a-f-]{36}$/.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(2);
    // Every other task is unchanged, and parses.
    const [demo] = await h.db.query<{ body: unknown }>("SELECT body FROM tasks WHERE id = 'clin-t01'");
    expect(Task.safeParse(demo?.body).success).toBe(true);
  });
});

describe('the demo data', () => {
  it('has a blind project of the ranking fixtures, which an expert claims blind', async () => {
    const { projects } = (await (await h.call('GET', '/v1/projects', { token: h.expertToken })).json()) as {
      projects: Project[];
    };
    const blind = projects.find((p) => p.blind);
    expect(blind).toMatchObject({ name: 'Blind model comparison', blind: { revealModels: true } });
    const res = await h.call('POST', `/v1/projects/${blind?.id}/claim`, { token: h.expertToken });
    expect(res.status).toBe(200);
    const { task } = await res.json();
    expect(task.id).toMatch(/^blind-clin-t0[78]$/);
    expect(task.responses.map((r: { label: string }) => r.label)).toEqual(
      ['A', 'B', 'C'].slice(0, task.responses.length),
    );
    expect(JSON.stringify(task)).not.toMatch(/model-/);
  });
});
