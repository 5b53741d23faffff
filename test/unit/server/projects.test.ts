import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { createToken } from '../../../server/auth';
import { clinicalTasks } from '../../../server/demo/seed';
import { createUser } from '../../../server/people';
import { AssignedTask, Project, Projects } from '../../../utils/schema';
import { sampleSubmission } from '../support/samples';
import { type Harness, harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.db.close());

const tasks = () =>
  clinicalTasks()
    .slice(0, 5)
    .map((task) => ({ ...task, id: `p-${task.id}` }));

async function project(settings: object = {}): Promise<Project> {
  const res = await h.call('POST', '/v1/projects', {
    token: h.leadToken,
    body: { name: 'Sepsis study', guidelines: '# Read first\nRate the **answer**, not the style.', ...settings },
  });
  expect(res.status).toBe(201);
  return Project.parse(await res.json());
}

async function addTasks(p: Project, gold: string[] = []) {
  const res = await h.call('POST', `/v1/projects/${p.id}/tasks`, {
    token: h.leadToken,
    body: {
      tasks: tasks().map((task) => ({ task, ...(gold.includes(task.id) ? { gold: { verdict: 'improve' } } : {}) })),
    },
  });
  expect(res.status).toBe(200);
}

async function experts(n: number, specialty?: 'critical_care'): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await createUser(h.db, {
      teamId: h.teamId,
      name: `Expert ${i}`,
      role: 'expert',
      ...(specialty ? { specialty } : {}),
    });
    tokens.push(await createToken(h.db, id));
  }
  return tokens;
}

async function claim(p: Project, token: string): Promise<AssignedTask | undefined> {
  const res = await h.call('POST', `/v1/projects/${p.id}/claim`, { token });
  if (res.status === 204) return undefined;
  expect(res.status).toBe(200);
  return AssignedTask.parse(await res.json());
}

describe('projects', () => {
  it('are made by leads, and every member of the team reads them with their guidelines', async () => {
    const p = await project({ overlap: 3 });
    expect(p).toMatchObject({
      name: 'Sepsis study',
      overlap: 3,
      reservationMinutes: 60,
      goldRate: 0,
      allowCalibration: false,
    });
    const forbidden = await h.call('POST', '/v1/projects', { token: h.expertToken, body: { name: 'Mine' } });
    expect(forbidden.status).toBe(403);
    const { projects } = Projects.parse(await (await h.call('GET', '/v1/projects', { token: h.expertToken })).json());
    expect(projects.find((x) => x.id === p.id)?.guidelines).toBe('# Read first\nRate the **answer**, not the style.');
  });

  it("answers 404 for another team's project", async () => {
    const other = await h.db.query<{ id: string }>(
      "INSERT INTO teams (id, name) VALUES (gen_random_uuid(), 'Other') RETURNING id",
    );
    const id = await createUser(h.db, { teamId: other[0]?.id ?? '', name: 'Other lead', role: 'lead' });
    const otherLead = await createToken(h.db, id);
    const p = await project();
    expect((await h.call('POST', `/v1/projects/${p.id}/claim`, { token: otherLead })).status).toBe(404);
    expect(
      (
        await h.call('POST', `/v1/projects/${p.id}/tasks`, {
          token: otherLead,
          body: { tasks: [{ task: tasks()[0] }] },
        })
      ).status,
    ).toBe(404);
  });
});

describe('claiming tasks', () => {
  it('hands each task to at most `overlap` experts, oldest first, reserved for a while', async () => {
    const p = await project({ overlap: 2, reservationMinutes: 30 });
    await addTasks(p);
    const [a = '', b = '', c = ''] = await experts(3);
    const first = await claim(p, a);
    expect(first?.status).toBe('reserved');
    expect(Date.parse(first?.expiresAt ?? '') - Date.now()).toBeGreaterThan(29 * 60_000);
    expect((await claim(p, b))?.task.id).toBe(first?.task.id);
    expect((await claim(p, c))?.task.id).not.toBe(first?.task.id);
  });

  it('never gives an expert a task they hold or have submitted', async () => {
    const p = await project({ overlap: 5 });
    await addTasks(p);
    const [a = ''] = await experts(1);
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const t = await claim(p, a);
      expect(seen.has(t?.task.id ?? '')).toBe(false);
      seen.add(t?.task.id ?? '');
    }
    expect(await claim(p, a)).toBeUndefined();
  });

  it('returns an expired reservation to the pool', async () => {
    const p = await project({ overlap: 1 });
    await addTasks(p);
    const [a = '', b = ''] = await experts(2);
    const held = await claim(p, a);
    await h.db.query("UPDATE assignments SET expires_at = now() - interval '1 second'");
    expect((await claim(p, b))?.task.id).toBe(held?.task.id);
    const mine = await (await h.call('GET', '/v1/tasks/assigned', { token: a })).json();
    expect(mine.tasks).toEqual([]);
  });

  it('keeps a specialty project to its specialty', async () => {
    const p = await project({ specialty: 'critical_care' });
    await addTasks(p);
    const [other = ''] = await experts(1);
    const [intensivist = ''] = await experts(1, 'critical_care');
    expect((await h.call('POST', `/v1/projects/${p.id}/claim`, { token: other })).status).toBe(403);
    expect(await claim(p, intensivist)).toBeDefined();
  });

  it('mixes in gold tasks at the project rate, and never sends their answers', async () => {
    const p = await project({ goldRate: 0.5, overlap: 3 });
    await addTasks(p, ['p-clin-t03']);
    const draws = [0.1, 0.9];
    const app = createApp({ db: h.db, random: () => draws.shift() ?? 0.9 });
    const [a = ''] = await experts(1);
    const claimWith = async () =>
      AssignedTask.parse(
        await (
          await app.request(`/v1/projects/${p.id}/claim`, { method: 'POST', headers: { Authorization: `Bearer ${a}` } })
        ).json(),
      );
    const gold = await claimWith();
    expect(gold.task.id).toBe('p-clin-t03');
    expect(JSON.stringify(gold)).not.toContain('verdict');
    expect((await claimWith()).task.id).toBe('p-clin-t01');
  });

  it('under 50 concurrent claims, no task goes past its overlap and no expert gets a task twice', async () => {
    const p = await project({ overlap: 2 });
    await addTasks(p);
    const tokens = await experts(10);
    const claims = await Promise.all(Array.from({ length: 50 }, (_, i) => claim(p, tokens[i % 10] ?? '')));
    const rows = await h.db.query<{ task_id: string; user_id: string }>(
      "SELECT task_id, user_id FROM assignments WHERE status = 'reserved'",
    );
    const perTask = new Map<string, number>();
    for (const r of rows) perTask.set(r.task_id, (perTask.get(r.task_id) ?? 0) + 1);
    expect([...perTask.values()].every((n) => n <= 2)).toBe(true);
    expect(new Set(rows.map((r) => `${r.task_id}/${r.user_id}`)).size).toBe(rows.length);
    // 5 tasks × overlap 2: exactly ten claims succeed.
    expect(claims.filter(Boolean)).toHaveLength(10);
    expect(rows).toHaveLength(10);
  });
});

describe('named assignments', () => {
  it('let a lead assign a task to an expert, who then sees it and can submit it', async () => {
    const p = await project();
    await addTasks(p);
    const res = await h.call('POST', `/v1/projects/${p.id}/assignments`, {
      token: h.leadToken,
      body: { taskId: 'p-clin-t02', userId: h.expertId, dueAt: '2026-12-01T12:00:00.000Z' },
    });
    expect(res.status).toBe(200);
    expect(AssignedTask.parse(await res.json())).toMatchObject({
      status: 'assigned',
      projectId: p.id,
      dueAt: '2026-12-01T12:00:00.000Z',
    });
    const submit = await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: { submissions: [{ ...sampleSubmission(), taskId: 'p-clin-t02' }] },
    });
    expect(submit.status).toBe(200);
    expect(
      (
        await h.call('POST', `/v1/projects/${p.id}/assignments`, {
          token: h.expertToken,
          body: { taskId: 'p-clin-t02', userId: h.expertId },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await h.call('POST', `/v1/projects/${p.id}/assignments`, {
          token: h.leadToken,
          body: { taskId: 'nope', userId: randomUUID() },
        })
      ).status,
    ).toBe(404);
  });
});

describe('agreement', () => {
  it("reports a project's agreement to its lead, from each expert's latest review", async () => {
    const p = await project({ overlap: 2 });
    await addTasks(p, ['p-clin-t02']);
    const [b = ''] = await experts(1);
    const bId =
      (await h.db.query<{ user_id: string }>('SELECT user_id FROM tokens ORDER BY created_at DESC LIMIT 1'))[0]
        ?.user_id ?? '';
    for (const userId of [h.expertId, bId]) {
      for (const taskId of ['p-clin-t01', 'p-clin-t02']) {
        await h.call('POST', `/v1/projects/${p.id}/assignments`, { token: h.leadToken, body: { taskId, userId } });
      }
    }
    const approve = (taskId: string) => ({ ...sampleSubmission(), taskId });
    const improve = (taskId: string) => ({
      ...sampleSubmission({ kind: 'improve', turn: 1, rewrite: 'Better.', comment: '', activeMs: 0 }),
      taskId,
    });
    const send = (token: string, ...s: object[]) =>
      h.call('POST', '/v1/submissions/batch', { token, body: { submissions: s } });
    const quick = approve('p-clin-t02');
    await send(h.expertToken, approve('p-clin-t01'), quick);
    // The expert later gives detail that supersedes the quick approval: an improvement.
    await send(h.expertToken, { ...improve('p-clin-t02'), supersedes: quick.id });
    await send(b, approve('p-clin-t01'), improve('p-clin-t02'));
    const res = await h.call('GET', `/v1/projects/${p.id}/agreement`, { token: h.leadToken });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.sharedTasks).toBe(2);
    expect(report.verdict.alpha).toBe(1);
    expect(report.experts.find((e: { id: string }) => e.id === h.expertId)).toMatchObject({
      goldItems: 1,
      goldAccuracy: 1,
    });
    expect((await h.call('GET', `/v1/projects/${p.id}/agreement`, { token: h.expertToken })).status).toBe(403);
  });
});
