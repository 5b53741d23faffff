import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToken } from '../../../server/auth';
import { clinicalTasks } from '../../../server/demo/seed';
import { createUser } from '../../../server/people';
import { Project, type Submission, SubmissionPage } from '../../../utils/schema';
import { sampleCapture, sampleSubmission } from '../support/samples';
import { type Harness, harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.db.close());

async function submit(token: string, ...submissions: Submission[]) {
  const res = await h.call('POST', '/v1/submissions/batch', { token, body: { submissions } });
  expect(res.status).toBe(200);
}

async function list(query: string, token = h.leadToken): Promise<string[]> {
  const res = await h.call('GET', `/v1/submissions?${query}`, { token });
  expect(res.status).toBe(200);
  return SubmissionPage.parse(await res.json()).submissions.map((s) => s.submission.id);
}

async function secondExpert(): Promise<{ id: string; token: string }> {
  const id = await createUser(h.db, { teamId: h.teamId, name: 'Dr. B', role: 'expert' });
  return { id, token: await createToken(h.db, id) };
}

describe("the lead's audit queue", () => {
  it('filters by expert, severity, audit state and disagreement', async () => {
    const b = await secondExpert();
    await h.db.query("INSERT INTO assignments (team_id, task_id, user_id) VALUES ($1, 'clin-t01', $2)", [
      h.teamId,
      b.id,
    ]);
    const calm = { ...sampleSubmission(), taskId: 'clin-t01' };
    const flagged = sampleSubmission({
      kind: 'approve',
      turn: 1,
      comment: '',
      activeMs: 0,
      safetyFlags: [{ code: 'dosing_error', severity: 'critical' }],
    });
    const other = {
      ...sampleSubmission({ kind: 'improve', turn: 1, rewrite: 'Better.', comment: '', activeMs: 0 }),
      taskId: 'clin-t01',
    };
    await submit(h.expertToken, calm, flagged);
    await submit(b.token, other);

    expect(await list(`expert=${b.id}`)).toEqual([other.id]);
    expect(await list('severity=major')).toEqual([flagged.id]);
    expect(await list('severity=critical')).toEqual([flagged.id]);
    expect(new Set(await list('disagreement=true'))).toEqual(new Set([calm.id, other.id]));
    await h.call('POST', '/v1/audits', {
      token: h.leadToken,
      body: {
        id: randomUUID(),
        submissionId: calm.id,
        action: 'accept',
        comment: '',
        createdAt: new Date().toISOString(),
      },
    });
    expect(await list('audit=accept')).toEqual([calm.id]);
    expect(new Set(await list('audit=none'))).toEqual(new Set([flagged.id, other.id]));
  });

  it('filters by project', async () => {
    const res = await h.call('POST', '/v1/projects', { token: h.leadToken, body: { name: 'P' } });
    const project = Project.parse(await res.json());
    const [task] = clinicalTasks();
    if (!task) throw new Error('no task');
    await h.call('POST', `/v1/projects/${project.id}/tasks`, {
      token: h.leadToken,
      body: { tasks: [{ task: { ...task, id: 'p1' } }] },
    });
    await h.call('POST', `/v1/projects/${project.id}/assignments`, {
      token: h.leadToken,
      body: { taskId: 'p1', userId: h.expertId },
    });
    const inProject = { ...sampleSubmission(), taskId: 'p1' };
    await submit(h.expertToken, inProject, sampleSubmission());
    expect(await list(`project=${project.id}`)).toEqual([inProject.id]);
  });

  it("finds a page's reviews by its address (fragment ignored) or by message ids", async () => {
    const onPage = sampleSubmission();
    const elsewhere = { ...sampleSubmission(), capture: { ...sampleCapture(), url: 'https://chatgpt.com/c/other' } };
    const byMessage = {
      ...sampleSubmission(),
      capture: {
        ...sampleCapture(),
        url: 'https://chatgpt.com/c/moved',
        turns: sampleCapture().turns.map((t) => ({ ...t, messageId: `x-${t.messageId ?? 'u'}` })),
      },
    };
    await submit(h.expertToken, onPage, elsewhere, byMessage);
    expect(await list(`url=${encodeURIComponent(`${onPage.capture?.url}#turn-3`)}`)).toEqual([onPage.id]);
    expect(await list('messageIds=x-m2,zzz')).toEqual([byMessage.id]);
  });

  it('is for leads', async () => {
    expect((await h.call('GET', '/v1/submissions?audit=none', { token: h.expertToken })).status).toBe(403);
  });
});

describe('the reviews of a task', () => {
  async function calibrationProject(allow: boolean) {
    const res = await h.call('POST', '/v1/projects', {
      token: h.leadToken,
      body: { name: 'Calibrate', allowCalibration: allow },
    });
    const project = Project.parse(await res.json());
    const [task] = clinicalTasks();
    if (!task) throw new Error('no task');
    await h.call('POST', `/v1/projects/${project.id}/tasks`, {
      token: h.leadToken,
      body: { tasks: [{ task: { ...task, id: 'cal' } }] },
    });
    const b = await secondExpert();
    for (const userId of [h.expertId, b.id]) {
      await h.call('POST', `/v1/projects/${project.id}/assignments`, {
        token: h.leadToken,
        body: { taskId: 'cal', userId },
      });
    }
    return b;
  }

  it('are hidden from an expert until they submitted their own, then shown where the project allows', async () => {
    const b = await calibrationProject(true);
    await submit(b.token, { ...sampleSubmission(), taskId: 'cal' });
    const before = await h.call('GET', '/v1/tasks/cal/reviews', { token: h.expertToken });
    expect(before.status).toBe(403);
    expect((await before.json()).error.message).toBe('Submit your own review of this task first');
    await submit(h.expertToken, { ...sampleSubmission(), taskId: 'cal' });
    const after = SubmissionPage.parse(
      await (await h.call('GET', '/v1/tasks/cal/reviews', { token: h.expertToken })).json(),
    );
    expect(after.submissions.map((s) => s.user.name).sort()).toEqual(['Dr. Ada Okafor', 'Dr. B']);
  });

  it('stay hidden from experts where the project does not allow calibration, but not from leads', async () => {
    const b = await calibrationProject(false);
    await submit(b.token, { ...sampleSubmission(), taskId: 'cal' });
    await submit(h.expertToken, { ...sampleSubmission(), taskId: 'cal' });
    expect((await h.call('GET', '/v1/tasks/cal/reviews', { token: h.expertToken })).status).toBe(403);
    expect((await h.call('GET', '/v1/tasks/cal/reviews', { token: h.leadToken })).status).toBe(200);
    expect((await h.call('GET', '/v1/tasks/nope/reviews', { token: h.leadToken })).status).toBe(404);
  });
});
