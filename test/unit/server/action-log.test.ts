/**
 * The action log (server/action-log.ts): every request of a lead or an admin
 * that reads team data or changes anything leaves one row with who, the route,
 * what it acted on and the status; experts' requests leave none; admins read it.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionLogEntry } from '../../../server/action-log';
import { createApp } from '../../../server/app';
import { createToken } from '../../../server/auth';
import { type Database, DatabaseUnavailable } from '../../../server/db/database';
import { clinicalTasks } from '../../../server/demo/seed';
import { jsonLogger } from '../../../server/log';
import { createUser } from '../../../server/people';
import { sampleSubmission } from '../support/samples';
import { type Harness, harness } from './harness';

let h: Harness;
let adminToken: string;
beforeEach(async () => {
  h = await harness();
  adminToken = await createToken(h.db, await createUser(h.db, { teamId: h.teamId, name: 'Admin', role: 'admin' }));
});
afterEach(() => h.db.close());

async function logRows() {
  return h.db.query<{
    user_id: string;
    method: string;
    route: string | null;
    path: string;
    status: number;
    detail: { query?: Record<string, unknown> };
  }>('SELECT user_id, method, route, path, status, detail FROM action_log ORDER BY id');
}

async function submitted(): Promise<string> {
  const submission = { ...sampleSubmission(), taskId: 'clin-t01' };
  const res = await h.call('POST', '/v1/submissions/batch', {
    token: h.expertToken,
    body: { submissions: [submission] },
  });
  expect(res.status).toBe(200);
  return submission.id;
}

const decision = (submissionId: string) => ({
  id: randomUUID(),
  submissionId,
  action: 'accept',
  comment: '',
  createdAt: '2026-11-25T12:00:00.000Z',
});

describe("a lead's actions", () => {
  it('each leave one row with the user, the route, the path, the status and what was acted on', async () => {
    const submissionId = await submitted();
    const steps: [string, string, unknown, number, string, object][] = [
      [
        'GET',
        '/v1/exports/csv?status=accepted&ties=label',
        undefined,
        200,
        '/v1/exports/{format}',
        { query: { status: 'accepted', ties: 'label' } },
      ],
      [
        'POST',
        '/v1/audits',
        decision(submissionId),
        200,
        '/v1/audits',
        { audits: [{ submissionId, action: 'accept' }] },
      ],
      ['POST', '/v1/projects', { name: 'Stroke study' }, 201, '/v1/projects', { name: 'Stroke study' }],
      [
        'POST',
        `/v1/projects/${h.projectId}/tasks`,
        { tasks: [{ task: { ...clinicalTasks()[0], id: 'added-task' } }] },
        200,
        '/v1/projects/{id}/tasks',
        { tasks: ['added-task'] },
      ],
      [
        'POST',
        `/v1/projects/${h.projectId}/assignments`,
        { taskId: 'added-task', userId: h.expertId },
        200,
        '/v1/projects/{id}/assignments',
        { taskId: 'added-task', userId: h.expertId },
      ],
    ];
    for (const [method, path, body, status, route, detail] of steps) {
      const res = await h.call(method, path, { token: h.leadToken, ...(body !== undefined ? { body } : {}) });
      expect(res.status, await res.text()).toBe(status);
      const rows = await logRows();
      expect(rows.at(-1)).toEqual({ user_id: h.leadId, method, route, path: path.split('?')[0], status, detail });
    }
    expect(await logRows()).toHaveLength(steps.length);
  });

  it('records refused and failed attempts with their status', async () => {
    const attempts: [string, string, unknown, number, string | null][] = [
      ['GET', '/v1/action-log', undefined, 403, '/v1/action-log'],
      [
        'POST',
        `/v1/projects/${randomUUID()}/tasks`,
        { tasks: [{ task: clinicalTasks()[0] }] },
        404,
        '/v1/projects/{id}/tasks',
      ],
      ['POST', '/v1/audits', decision(randomUUID()), 404, '/v1/audits'],
      ['GET', '/v1/exports/csv?project=nope', undefined, 400, '/v1/exports/{format}'],
      ['GET', '/v1/admin', undefined, 404, null],
    ];
    for (const [method, path, body, status] of attempts) {
      const res = await h.call(method, path, { token: h.leadToken, ...(body !== undefined ? { body } : {}) });
      expect(res.status).toBe(status);
    }
    expect((await logRows()).map((r) => [r.method, r.path, r.status, r.route])).toEqual(
      attempts.map(([method, path, , status, route]) => [method, path.split('?')[0], status, route]),
    );
  });

  it('leaves out what only shows them themselves or what every expert of the team sees', async () => {
    for (const path of ['/v1/me', '/v1/tasks/assigned', '/v1/projects']) {
      expect((await h.call('GET', path, { token: h.leadToken })).status).toBe(200);
    }
    expect(await logRows()).toEqual([]);
  });

  it('is recorded even with a NUL in the request, which PostgreSQL text cannot hold', async () => {
    const res = await h.call('POST', `/v1/projects?x%00=a%00b`, { token: h.leadToken, body: { name: 'Study' } });
    expect(res.status).toBe(201);
    expect((await logRows())[0]?.detail.query).toEqual({ 'x\uFFFD': 'a\uFFFDb' });
  });

  it('records a streamed export when it is answered, before its body is read, and leaves the body whole', async () => {
    await submitted();
    const res = await h.call('GET', '/v1/exports/csv', { token: h.leadToken });
    expect(await logRows()).toMatchObject([{ route: '/v1/exports/{format}', status: 200 }]);
    expect((await res.text()).trim().split('\r\n')).toHaveLength(2);
  });
});

describe("an expert's requests", () => {
  it('leave no row, whether they succeed or are refused', async () => {
    await submitted();
    const calls: [string, string, number][] = [
      ['GET', '/v1/me', 200],
      ['GET', '/v1/tasks/clin-t01/reviews', 200],
      ['GET', '/v1/tasks/clin-t02/reviews', 403],
      ['POST', `/v1/projects/${h.projectId}/claim`, 200],
      ['GET', '/v1/submissions', 403],
      ['GET', '/v1/exports/csv', 403],
      ['GET', '/v1/action-log', 403],
    ];
    for (const [method, path, status] of calls) {
      expect((await h.call(method, path, { token: h.expertToken })).status).toBe(status);
    }
    expect(await logRows()).toEqual([]);
  });
});

describe('when the row cannot be written', () => {
  function appWithoutLog(stderr: string[]): ReturnType<typeof createApp> {
    const db: Database = {
      ...h.db,
      query: (sql, params) =>
        sql.includes('INSERT INTO action_log') ? Promise.reject(new Error('log disk full')) : h.db.query(sql, params),
    };
    return createApp({ db, log: jsonLogger(null, { write: (line: string) => stderr.push(line) }) });
  }

  it('a read is refused with 500 and its data is not sent; a change stands and the entry goes to stderr', async () => {
    await submitted();
    const stderr: string[] = [];
    const app = appWithoutLog(stderr);
    const auth = { Authorization: `Bearer ${h.leadToken}` };
    const read = await app.request(`/v1/exports/csv?project=${h.projectId}&from=2026-01-01T00:00:00Z`, {
      headers: auth,
    });
    expect(read.status).toBe(500);
    expect(read.headers.get('Content-Disposition')).toBeNull();
    expect(await read.text()).not.toContain('Is this sepsis?');
    const write = await app.request('/v1/projects', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Unlogged study' }),
    });
    expect(write.status).toBe(201);
    const lines = stderr.map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        event: 'action_log_write_failed',
        method: 'GET',
        route: '/v1/exports/{format}',
        error: expect.objectContaining({ message: 'log disk full' }),
      }),
      expect.objectContaining({
        event: 'action_log_write_failed',
        entry: expect.arrayContaining(['POST', '/v1/projects', expect.stringContaining('Unlogged study')]),
      }),
    ]);
    // A refused read leaves no query value in the error log, and nothing to restore.
    expect(lines[0]).not.toHaveProperty('entry');
    expect(stderr[0]).not.toContain(h.projectId);
    expect(stderr[0]).not.toContain('2026-01-01');
  });
});

describe('when the database is out of reach', () => {
  it("a lead's read answers 503, which the client retries, not the log's 500", async () => {
    // Auth and the handler got their answers; by the log's write the database is gone.
    const db: Database = {
      ...h.db,
      query: (sql, params) =>
        sql.includes('INSERT INTO action_log')
          ? Promise.reject(new DatabaseUnavailable(new Error('Connection terminated unexpectedly')))
          : h.db.query(sql, params),
    };
    const app = createApp({ db, log: jsonLogger(null, { write: () => true }) });
    const res = await app.request('/v1/submissions', { headers: { Authorization: `Bearer ${h.leadToken}` } });
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('database_unavailable');
  });
});

describe('GET /v1/action-log', () => {
  it('shows admins every entry, newest first, a page at a time', async () => {
    for (const name of ['One', 'Two', 'Three']) {
      await h.call('POST', '/v1/projects', { token: h.leadToken, body: { name } });
    }
    await h.call('GET', '/v1/submissions', { token: adminToken });
    const seen: ActionLogEntry[] = [];
    let before = '';
    for (let page = 0; page < 10; page++) {
      const res = await h.call('GET', `/v1/action-log?limit=2${before ? `&before=${before}` : ''}`, {
        token: adminToken,
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { entries: ActionLogEntry[]; nextCursor?: string };
      seen.push(...body.entries);
      if (!body.nextCursor) break;
      before = body.nextCursor;
    }
    expect(seen.map((e) => [e.user.name, e.route, e.detail.name ?? null])).toEqual([
      ['Admin', '/v1/submissions', null],
      ['Dr. Sam Lee', '/v1/projects', 'Three'],
      ['Dr. Sam Lee', '/v1/projects', 'Two'],
      ['Dr. Sam Lee', '/v1/projects', 'One'],
    ]);
    expect(seen[1]).toMatchObject({
      user: { id: h.leadId },
      teamId: h.teamId,
      role: 'lead',
      method: 'POST',
      status: 201,
    });
    // Reading the log is recorded too, once each page is answered: newer than the cursor, so on no later page.
    const latest = await (await h.call('GET', '/v1/action-log?limit=2', { token: adminToken })).json();
    expect(latest.entries.map((e: ActionLogEntry) => [e.route, e.detail])).toEqual([
      ['/v1/action-log', { query: { limit: '2', before: seen[1]?.id } }],
      ['/v1/action-log', { query: { limit: '2' } }],
    ]);
  });

  it.each(['abc', '-1', '1e3', '9'.repeat(19)])('refuses the cursor %s with 400', async (before) => {
    const res = await h.call('GET', `/v1/action-log?before=${before}`, { token: adminToken });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('before');
  });
});

describe('the action_log table', () => {
  it('is append-only: the database refuses to change, delete or empty it', async () => {
    await h.call('POST', '/v1/projects', { token: h.leadToken, body: { name: 'Study' } });
    await expect(h.db.query('UPDATE action_log SET status = 200')).rejects.toThrow(/append-only/);
    await expect(h.db.query('DELETE FROM action_log')).rejects.toThrow(/append-only/);
    await expect(h.db.query('TRUNCATE action_log')).rejects.toThrow(/append-only/);
    expect(await logRows()).toHaveLength(1);
  });
});
