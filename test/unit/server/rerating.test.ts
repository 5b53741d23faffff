/**
 * Re-ratings (rater consistency): scheduling (washout, share, the expert's
 * own completed tasks only), the earlier answer kept out of sight, how a
 * re-rating is stored, and the database refusing a re-rating before its
 * washout. Time passes by moving submissions back (SQL), not by waiting.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../server/app';
import { createToken } from '../../../server/auth';
import type { Database, Queryable } from '../../../server/db/database';
import { clinicalTasks } from '../../../server/demo/seed';
import { createUser } from '../../../server/people';
import { AgreementReport, AssignedTask, AssignedTasks, Project, Projects, SubmissionPage } from '../../../utils/schema';
import type { Review } from '../../../utils/schema/review';
import type { Submission } from '../../../utils/schema/submission';
import { sampleSubmission } from '../support/samples';
import { type Harness, harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.db.close());

const WASHOUT_DAYS = 14;
const improve: Review = { kind: 'improve', turn: 1, rewrite: 'Better.', comment: '', activeMs: 0 };

async function project(settings: object): Promise<Project> {
  const res = await h.call('POST', '/v1/projects', { token: h.leadToken, body: { name: 'Consistency', ...settings } });
  expect(res.status).toBe(201);
  return Project.parse(await res.json());
}

/** Adds `n` review tasks (rr-<from>, rr-<from+1>, …) to the project. */
async function addTasks(p: Project, n: number, from = 0): Promise<void> {
  const [base] = clinicalTasks();
  if (!base) throw new Error('no demo tasks');
  const tasks = Array.from({ length: n }, (_, i) => ({
    task: { ...base, id: `rr-${String(from + i).padStart(2, '0')}`, title: `Task ${from + i}` },
  }));
  expect((await h.call('POST', `/v1/projects/${p.id}/tasks`, { token: h.leadToken, body: { tasks } })).status).toBe(
    200,
  );
}

async function expert(name: string): Promise<{ id: string; token: string }> {
  const id = await createUser(h.db, { teamId: h.teamId, name, role: 'expert' });
  return { id, token: await createToken(h.db, id) };
}

async function claim(p: Project, token: string): Promise<AssignedTask | undefined> {
  const res = await h.call('POST', `/v1/projects/${p.id}/claim`, { token });
  if (res.status === 204) return undefined;
  expect(res.status).toBe(200);
  return AssignedTask.parse(await res.json());
}

async function submit(token: string, taskId: string, extra: Partial<Submission> = {}): Promise<Submission> {
  const submission = { ...sampleSubmission(), taskId, ...extra };
  const res = await h.call('POST', '/v1/submissions/batch', { token, body: { submissions: [submission] } });
  expect(res.status).toBe(200);
  return submission;
}

/** Claims and rates every task waiting for the expert; returns their ids. */
async function rateAll(p: Project, token: string): Promise<string[]> {
  const rated: string[] = [];
  for (let next = await claim(p, token); next; next = await claim(p, token)) {
    expect(next.rerating).toBeUndefined();
    await submit(token, next.task.id);
    rated.push(next.task.id);
  }
  return rated;
}

/** Moves an expert's submissions `days` into the past: as if that much time had gone by since they rated. */
async function age(userId: string, days: number): Promise<void> {
  await h.db.query('UPDATE submissions SET received_at = received_at - make_interval(days => $2) WHERE user_id = $1', [
    userId,
    days,
  ]);
}

async function assigned(token: string): Promise<AssignedTask[]> {
  return AssignedTasks.parse(await (await h.call('GET', '/v1/tasks/assigned', { token })).json()).tasks;
}

describe('re-rating settings', () => {
  it('are off unless set, and read back as set', async () => {
    const off = await project({});
    expect(off.rerating).toBeUndefined();
    const on = await project({ rerating: { share: 0.05, washoutDays: WASHOUT_DAYS } });
    expect(on.rerating).toEqual({ share: 0.05, washoutDays: WASHOUT_DAYS });
    const { projects } = Projects.parse(await (await h.call('GET', '/v1/projects', { token: h.expertToken })).json());
    expect(projects.find((x) => x.id === on.id)?.rerating).toEqual({ share: 0.05, washoutDays: WASHOUT_DAYS });
  });

  it.each([
    [{ share: 0, washoutDays: 14 }, 'rerating.share'],
    [{ share: 0.6, washoutDays: 14 }, 'rerating.share'],
    [{ share: 0.1, washoutDays: 0 }, 'rerating.washoutDays'],
    [{ share: 0.1, washoutDays: 366 }, 'rerating.washoutDays'],
    [{ share: 0.1, washoutDays: 1.5 }, 'rerating.washoutDays'],
    [{ share: 0.1 }, 'rerating.washoutDays'],
  ])('refuse %j, naming the field', async (rerating, path) => {
    const res = await h.call('POST', '/v1/projects', { token: h.leadToken, body: { name: 'Bad', rerating } });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});

describe('scheduling re-ratings', () => {
  it('serves none before the washout has passed, and then one of the expert’s own tasks, marked', async () => {
    const p = await project({ overlap: 2, rerating: { share: 0.5, washoutDays: WASHOUT_DAYS } });
    await addTasks(p, 2);
    const a = await expert('A');
    const rated = await rateAll(p, a.token);
    expect(rated).toHaveLength(2);
    expect(await claim(p, a.token)).toBeUndefined();
    await age(a.id, WASHOUT_DAYS - 1);
    expect(await claim(p, a.token)).toBeUndefined();
    await age(a.id, 1);
    const again = await claim(p, a.token);
    expect(again).toMatchObject({ rerating: true, status: 'reserved', projectId: p.id });
    expect(rated).toContain(again?.task.id);
    // An expert who rated nothing has nothing to re-rate.
    expect(await claim(p, (await expert('B')).token)).toMatchObject({ task: { id: 'rr-00' } });
  });

  it('serves exactly the share of each expert’s completed tasks, before new ones, and never more', async () => {
    const p = await project({ overlap: 2, rerating: { share: 0.2, washoutDays: WASHOUT_DAYS } });
    await addTasks(p, 10);
    const a = await expert('A');
    const b = await expert('B');
    expect(await rateAll(p, a.token)).toHaveLength(10);
    await rateAll(p, b.token);
    await age(a.id, WASHOUT_DAYS);
    await addTasks(p, 5, 10);
    // 20 % of 10 completed tasks: two re-ratings, served before the new tasks that wait.
    const first = await claim(p, a.token);
    const second = await claim(p, a.token);
    expect([first?.rerating, second?.rerating]).toEqual([true, true]);
    expect(first?.task.id).not.toBe(second?.task.id);
    for (const r of [first, second]) await submit(a.token, r?.task.id ?? '');
    // Then new tasks: 11 to 14 completed still make two due …
    for (const id of ['rr-10', 'rr-11', 'rr-12', 'rr-13', 'rr-14']) {
      const next = await claim(p, a.token);
      expect(next).toMatchObject({ task: { id } });
      expect(next?.rerating).toBeUndefined();
      await submit(a.token, id);
    }
    // … and 15 make three: a third re-rating, of another task.
    const third = await claim(p, a.token);
    expect(third?.rerating).toBe(true);
    expect([first?.task.id, second?.task.id]).not.toContain(third?.task.id);
    await submit(a.token, third?.task.id ?? '');
    // Seven old tasks are past their washout, but the share is reached.
    expect(await claim(p, a.token)).toBeUndefined();
    // B's share is B's own: B has not waited out the washout, and gets a new task.
    const forB = await claim(p, b.token);
    expect(forB).toMatchObject({ task: { id: 'rr-10' } });
    expect(forB?.rerating).toBeUndefined();
    const rows = await h.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM assignments WHERE user_id = $1 AND attempt = 2',
      [a.id],
    );
    expect(rows[0]?.n).toBe(3);
  });

  it('comes back to the same expert when its reservation expired, and takes no place in the overlap', async () => {
    const p = await project({ overlap: 2, rerating: { share: 0.5, washoutDays: WASHOUT_DAYS } });
    await addTasks(p, 2);
    const a = await expert('A');
    await rateAll(p, a.token);
    await age(a.id, WASHOUT_DAYS);
    const held = await claim(p, a.token);
    expect(held?.rerating).toBe(true);
    // B still gets both tasks: A's re-rating does not fill a place of the overlap.
    const b = await expert('B');
    expect((await rateAll(p, b.token)).sort()).toEqual(['rr-00', 'rr-01']);
    await h.db.query("UPDATE assignments SET expires_at = now() - interval '1 second' WHERE attempt = 2");
    expect(await claim(p, a.token)).toMatchObject({ rerating: true, task: { id: held?.task.id } });
  });
});

describe('the earlier answer', () => {
  it('is not shown: the task is listed once, as a re-rating, and no review of it is readable until it is in', async () => {
    const p = await project({ allowCalibration: true, rerating: { share: 0.5, washoutDays: WASHOUT_DAYS } });
    await addTasks(p, 2);
    const a = await expert('A');
    await rateAll(p, a.token);
    // Before the re-rating, calibration shows the expert the reviews of a task they rated.
    expect((await h.call('GET', '/v1/tasks/rr-00/reviews', { token: a.token })).status).toBe(200);
    await age(a.id, WASHOUT_DAYS);
    const again = await claim(p, a.token);
    const id = again?.task.id ?? '';
    const listed = await assigned(a.token);
    expect(listed.filter((t) => t.task.id === id)).toEqual([again]);
    expect(listed.find((t) => t.task.id !== id)).toMatchObject({ status: 'submitted' });
    expect(listed.find((t) => t.task.id !== id)?.rerating).toBeUndefined();
    const hidden = await h.call('GET', `/v1/tasks/${id}/reviews`, { token: a.token });
    expect(hidden.status).toBe(403);
    expect((await hidden.json()).error.message).toMatch(/re-rating/);
    await submit(a.token, id, { review: improve });
    const shown = SubmissionPage.parse(
      await (await h.call('GET', `/v1/tasks/${id}/reviews`, { token: a.token })).json(),
    );
    expect(shown.submissions.map((s) => s.rerating ?? false).sort()).toEqual([false, true]);
  });
});

describe('a re-rating', () => {
  /** Experts A and B rate both tasks (approve); A's are aged past the washout and A claims a re-rating. */
  async function reratingOpen() {
    const p = await project({ overlap: 2, rerating: { share: 0.5, washoutDays: WASHOUT_DAYS } });
    await addTasks(p, 2);
    const a = await expert('A');
    const b = await expert('B');
    await rateAll(p, a.token);
    await rateAll(p, b.token);
    await age(a.id, WASHOUT_DAYS);
    const again = await claim(p, a.token);
    if (!again) throw new Error('no re-rating served');
    return { p, a, b, taskId: again.task.id };
  }
  const agreement = async (p: Project) =>
    AgreementReport.parse(await (await h.call('GET', `/v1/projects/${p.id}/agreement`, { token: h.leadToken })).json());
  const attempts = (userId: string, taskId: string) =>
    h.db.query<{ attempt: number }>(
      'SELECT attempt FROM submissions WHERE user_id = $1 AND task_id = $2 ORDER BY received_at, attempt',
      [userId, taskId],
    );

  it('is stored beside the first rating, marked, and measured against it, not between experts', async () => {
    const { p, a, taskId } = await reratingOpen();
    const before = await agreement(p);
    await submit(a.token, taskId, { review: improve });
    expect((await attempts(a.id, taskId)).map((r) => r.attempt)).toEqual([1, 2]);
    const states = await h.db.query<{ attempt: number; status: string }>(
      'SELECT attempt, status FROM assignments WHERE user_id = $1 AND task_id = $2 ORDER BY attempt',
      [a.id, taskId],
    );
    expect(states).toEqual([
      { attempt: 1, status: 'submitted' },
      { attempt: 2, status: 'submitted' },
    ]);

    const { experts, ...between } = await agreement(p);
    const { experts: expertsBefore, ...betweenBefore } = before;
    expect(between).toEqual(betweenBefore);
    const mine = experts.find((e) => e.id === a.id);
    expect(mine?.reviews).toBe(expertsBefore.find((e) => e.id === a.id)?.reviews);
    expect(mine?.intraRater.reratings).toBe(1);

    // The lead's queue marks it; as A's second opinion, it is no disagreement between experts.
    const list = async (query: string) =>
      SubmissionPage.parse(await (await h.call('GET', `/v1/submissions?${query}`, { token: h.leadToken })).json())
        .submissions;
    const byA = await list(`expert=${a.id}`);
    expect(byA.filter((s) => s.rerating).map((s) => s.submission.taskId)).toEqual([taskId]);
    expect(byA.filter((s) => !s.rerating)).toHaveLength(2);
    expect(await list('disagreement=true')).toEqual([]);

    // And the exports tell it apart.
    const csv = await (
      await h.call('GET', `/v1/exports/csv?project=${p.id}&pseudonymise=false`, { token: h.leadToken })
    ).text();
    const lines = csv.trim().split('\r\n').slice(1);
    expect(lines).toHaveLength(5);
    expect(lines.filter((l) => l.endsWith(',true'))).toHaveLength(1);
    expect(lines.find((l) => l.endsWith(',true'))).toContain(`,${taskId},`);
  });

  it('leaves a detail added to the first rating meanwhile with the first rating', async () => {
    const { a, taskId } = await reratingOpen();
    const [first] = await h.db.query<{ id: string }>('SELECT id FROM submissions WHERE user_id = $1 AND task_id = $2', [
      a.id,
      taskId,
    ]);
    await submit(a.token, taskId, { review: improve, supersedes: first?.id ?? '' });
    expect((await attempts(a.id, taskId)).map((r) => r.attempt)).toEqual([1, 1]);
    expect((await assigned(a.token)).find((t) => t.task.id === taskId)).toMatchObject({
      rerating: true,
      status: 'reserved',
    });
  });

  it('returned by the lead, goes back to the expert as a re-rating, the first rating untouched', async () => {
    const { a, taskId } = await reratingOpen();
    const second = await submit(a.token, taskId, { review: improve });
    const audit = {
      id: randomUUID(),
      submissionId: second.id,
      action: 'return',
      comment: 'Say why.',
      createdAt: new Date().toISOString(),
    };
    expect((await h.call('POST', '/v1/audits', { token: h.leadToken, body: audit })).status).toBe(200);
    const states = await h.db.query<{ attempt: number; status: string }>(
      'SELECT attempt, status FROM assignments WHERE user_id = $1 AND task_id = $2 ORDER BY attempt',
      [a.id, taskId],
    );
    expect(states.map((s) => s.status)).toEqual(['submitted', 'returned']);
    expect((await assigned(a.token)).find((t) => t.task.id === taskId)).toMatchObject({
      rerating: true,
      status: 'returned',
      returnComment: 'Say why.',
    });
    await submit(a.token, taskId, { review: improve });
    expect((await attempts(a.id, taskId)).map((r) => r.attempt)).toEqual([1, 2, 2]);
  });
});

describe('the database', () => {
  /** Expert A rated rr-00 and rr-01 just now (not rr-02), in a project that re-rates half after the washout. */
  async function ratedNow(settings: object = { rerating: { share: 0.5, washoutDays: WASHOUT_DAYS } }, from = 0) {
    const p = await project(settings);
    await addTasks(p, 3, from);
    const a = await expert('A');
    for (let i = 0; i < 2; i++) await submit(a.token, (await claim(p, a.token))?.task.id ?? '');
    return { p, a };
  }
  const insertRerating = (userId: string, taskId = 'rr-00') =>
    h.db.query(
      "INSERT INTO assignments (team_id, task_id, user_id, attempt, status) VALUES ($1, $2, $3, 2, 'assigned')",
      [h.teamId, taskId, userId],
    );

  it('refuses a re-rating before its washout, whatever query writes it', async () => {
    const { a } = await ratedNow();
    await expect(insertRerating(a.id)).rejects.toThrow(/washout of 14 days/);
    await age(a.id, WASHOUT_DAYS - 1);
    await expect(insertRerating(a.id)).rejects.toThrow(/washout/);
    // Nor may a first rating be turned into a re-rating, nor a re-rating be dated back into the washout.
    await expect(
      h.db.query("UPDATE assignments SET attempt = 2 WHERE user_id = $1 AND task_id = 'rr-00'", [a.id]),
    ).rejects.toThrow(/washout/);
    await age(a.id, 1);
    await insertRerating(a.id);
    await expect(
      h.db.query("UPDATE assignments SET assigned_at = now() - interval '1 day' WHERE user_id = $1 AND attempt = 2", [
        a.id,
      ]),
    ).rejects.toThrow(/washout/);
  });

  it('refuses a re-rating of a task the expert has not rated, or in a project that does not re-rate', async () => {
    const { a } = await ratedNow();
    await age(a.id, 100);
    await expect(insertRerating(a.id, 'rr-02')).rejects.toThrow(/has not rated it/);
    const off = await ratedNow({}, 10);
    await age(off.a.id, 100);
    await expect(insertRerating(off.a.id, 'rr-10')).rejects.toThrow(/does not re-rate/);
  });

  it('turns a claim that forgets the washout into a server error that serves nothing', async () => {
    const { p, a } = await ratedNow();
    await age(a.id, WASHOUT_DAYS - 1);
    // A broken scheduler: the same claim, but its look-up for due re-ratings waits no washout at all.
    const forgetful = (db: Queryable): Queryable => ({
      query: (sql, params) =>
        db.query(sql, sql.includes('make_interval(days =>') ? params?.map((v, i) => (i === 3 ? 0 : v)) : params),
    });
    const broken: Database = {
      ...h.db,
      query: forgetful(h.db).query,
      transaction: (fn) => h.db.transaction((tx) => fn({ ...tx, ...forgetful(tx) })),
    };
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await createApp({ db: broken }).request(`/v1/projects/${p.id}/claim`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${a.token}` },
    });
    expect(res.status).toBe(500);
    expect(await h.db.query('SELECT 1 FROM assignments WHERE attempt = 2')).toEqual([]);
    // The same broken scheduler, once the washout has passed, serves the re-rating.
    await age(a.id, 1);
    const ok = await createApp({ db: broken }).request(`/v1/projects/${p.id}/claim`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${a.token}` },
    });
    expect(AssignedTask.parse(await ok.json()).rerating).toBe(true);
  });
});
