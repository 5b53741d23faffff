import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_MIGRATION } from '../../../server/db/migrate';
import { AssignedTasks, Audit, Health, Me } from '../../../utils/schema';
import { sampleSubmission } from '../support/samples';
import { DATABASE_KIND, type Harness, harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.db.close());

describe('authentication', () => {
  it.each([
    ['no Authorization header', undefined, 'unauthorized'],
    ['an unknown token', 'att_not-a-real-token', 'invalid_token'],
  ])('answers %s with 401', async (_name, token, code) => {
    const res = await h.call('GET', '/v1/me', token ? { token } : {});
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    expect((await res.json()).error.code).toBe(code);
  });

  it('refuses a revoked token', async () => {
    await h.db.query('UPDATE tokens SET revoked_at = now()');
    expect((await h.call('GET', '/v1/me', { token: h.expertToken })).status).toBe(401);
  });

  it('stores tokens hashed, never as issued', async () => {
    const rows = await h.db.query<{ hash: string }>('SELECT hash FROM tokens');
    expect(rows.length).toBeGreaterThan(0);
    for (const { hash } of rows) {
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect([h.expertToken, h.leadToken]).not.toContain(hash);
    }
  });

  it('needs no token for health and the OpenAPI document', async () => {
    const health = await h.call('GET', '/v1/health');
    expect(Health.parse(await health.json())).toEqual({
      status: 'ok',
      database: DATABASE_KIND,
      migration: LATEST_MIGRATION,
    });
    const doc = await (await h.call('GET', '/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/me',
        '/v1/tasks/assigned',
        '/v1/submissions/batch',
        '/v1/submissions',
        '/v1/audits',
        '/v1/health',
      ]),
    );
    expect(doc.components.schemas.Submission).toBeDefined();
  });
});

describe('GET /v1/me', () => {
  it('names the user, role and team', async () => {
    const me = Me.parse(await (await h.call('GET', '/v1/me', { token: h.leadToken })).json());
    expect(me.user).toMatchObject({ id: h.leadId, name: 'Dr. Sam Lee', role: 'lead' });
    expect(me.team).toEqual({ id: h.teamId, name: 'Demo clinical team' });
  });
});

describe('GET /v1/tasks/assigned', () => {
  it("lists the expert's demo tasks with due dates and no expected answers", async () => {
    const res = await h.call('GET', '/v1/tasks/assigned', { token: h.expertToken });
    const { tasks } = AssignedTasks.parse(await res.json());
    expect(tasks.map((t) => t.task.id)).toEqual(
      Array.from({ length: 12 }, (_, i) => `clin-t${String(i + 1).padStart(2, '0')}`),
    );
    expect(new Set(tasks.map((t) => t.task.kind)).size).toBe(5);
    expect(tasks.every((t) => t.status === 'assigned' && t.dueAt)).toBe(true);
    expect(JSON.stringify(tasks)).not.toMatch(/expected_|first_error_step|reference_notes/);
  });

  it('is empty for a lead with no assignments', async () => {
    const { tasks } = AssignedTasks.parse(
      await (await h.call('GET', '/v1/tasks/assigned', { token: h.leadToken })).json(),
    );
    expect(tasks).toEqual([]);
  });
});

describe('POST /v1/audits', () => {
  async function submitted(taskId?: string) {
    const submission = { ...sampleSubmission(), ...(taskId ? { taskId } : {}) };
    await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: [submission] } });
    return submission;
  }
  const audit = (submissionId: string, action: 'accept' | 'reject' | 'return', comment = '') => ({
    id: randomUUID(),
    submissionId,
    action,
    comment,
    createdAt: '2026-11-25T12:00:00.000Z',
  });

  it('lets a lead return a submission, which puts the task back in the expert list with the comment', async () => {
    const submission = await submitted('clin-t01');
    const body = audit(submission.id, 'return', 'Cite the guideline for the macrolide choice.');
    const res = await h.call('POST', '/v1/audits', { token: h.leadToken, body });
    expect(res.status).toBe(200);
    expect(Audit.parse(await res.json())).toEqual(body);
    const { tasks } = AssignedTasks.parse(
      await (await h.call('GET', '/v1/tasks/assigned', { token: h.expertToken })).json(),
    );
    expect(tasks.find((t) => t.task.id === 'clin-t01')).toMatchObject({
      status: 'returned',
      returnComment: 'Cite the guideline for the macrolide choice.',
    });
    const list = await (await h.call('GET', '/v1/submissions', { token: h.leadToken })).json();
    expect(list.submissions[0].audit).toEqual(body);
  });

  it('is idempotent on the audit id and refuses the id reused for another decision', async () => {
    const submission = await submitted();
    const body = audit(submission.id, 'accept');
    expect((await h.call('POST', '/v1/audits', { token: h.leadToken, body })).status).toBe(200);
    expect((await h.call('POST', '/v1/audits', { token: h.leadToken, body })).status).toBe(200);
    const reused = await h.call('POST', '/v1/audits', {
      token: h.leadToken,
      body: { ...body, action: 'reject', comment: 'no' },
    });
    expect(reused.status).toBe(409);
    const [row] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audits');
    expect(row?.n).toBe(1);
  });

  it('requires a comment to reject or return', async () => {
    const submission = await submitted();
    const res = await h.call('POST', '/v1/audits', { token: h.leadToken, body: audit(submission.id, 'reject') });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('comment');
  });

  it('is for leads: an expert gets 403', async () => {
    const submission = await submitted();
    expect(
      (await h.call('POST', '/v1/audits', { token: h.expertToken, body: audit(submission.id, 'accept') })).status,
    ).toBe(403);
  });

  it('answers 404 for a submission that is not in the team', async () => {
    const res = await h.call('POST', '/v1/audits', { token: h.leadToken, body: audit(randomUUID(), 'accept') });
    expect(res.status).toBe(404);
  });
});

describe('HTTP surface', () => {
  it.each([
    ['a project name', 'lead', '/v1/projects', { name: 'Sepsis\u0000', guidelines: '' }, 'name'],
    [
      'an audit comment',
      'lead',
      '/v1/audits',
      {
        id: randomUUID(),
        submissionId: randomUUID(),
        action: 'return',
        comment: 'Cite\u0000',
        createdAt: '2026-11-25T12:00:00.000Z',
      },
      'comment',
    ],
    ['a key', 'expert', '/v1/submissions/batch', { 'sub\u0000missions': [] }, 'sub\u0000missions'],
  ])(
    'refuses U+0000 in %s with 400 naming the field, before the route reads it',
    async (_what, who, path, body, field) => {
      const res = await h.call('POST', path, { token: who === 'lead' ? h.leadToken : h.expertToken, body });
      expect(res.status).toBe(400);
      expect((await res.json()).error.issues).toEqual([
        { path: field, message: 'Text contains a NUL character (U+0000), which cannot be stored' },
      ]);
    },
  );

  it('answers CORS preflights for extension origins only', async () => {
    const preflight = (origin: string) =>
      h.app.request('/v1/submissions/batch', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
    const ext = await preflight('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(ext.headers.get('Access-Control-Allow-Origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(ext.headers.get('Access-Control-Allow-Headers')).toMatch(/authorization/i);
    const web = await preflight('https://chatgpt.com');
    expect(web.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('refuses a body over the size limit with 413', async () => {
    const { LIMITS } = await import('../../../utils/schema/limits');
    const res = await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: `{"submissions":["${'x'.repeat(LIMITS.requestBytes)}"]}`,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('too_large');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await h.call('GET', '/v1/nope', { token: h.expertToken });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('serves the demo chat page with marked-up turns and a streaming last response', async () => {
    const html = await (await h.call('GET', '/demo/chat')).text();
    expect(html.match(/data-message-author-role="user"/g)).toHaveLength(3);
    expect(html.match(/data-message-author-role="assistant"/g)).toHaveLength(4);
    expect(html).toContain('data-message-id="t4-v2"');
    expect(html).toMatch(/data-message-id="t6"[^>]*aria-busy="true"/);
  });
});

describe('limits per user', () => {
  it('answers 429 with Retry-After over the rate limit, for that user only', async () => {
    const { createApp } = await import('../../../server/app');
    const app = createApp({ db: h.db, rateLimitPerMinute: 3 });
    const get = (token: string) => app.request('/v1/me', { headers: { Authorization: `Bearer ${token}` } });
    for (let i = 0; i < 3; i++) expect((await get(h.expertToken)).status).toBe(200);
    const limited = await get(h.expertToken);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await get(h.leadToken)).status).toBe(200);
  });

  it('refills over time', async () => {
    const { rateLimit } = await import('../../../server/rate-limit');
    let now = 0;
    const limit = rateLimit(60, () => now);
    const c = { get: () => ({ id: 'u' }), header: () => {} } as never;
    const next = async () => {};
    await limit(c, next);
    for (let i = 0; i < 59; i++) await limit(c, next);
    await expect(limit(c, next)).rejects.toThrow(/Too many requests: try again in 1 s/);
    now += 1000;
    await expect(limit(c, next)).resolves.toBeUndefined();
  });
});

describe('POST /v1/audits/batch', () => {
  const decision = (submissionId: string, extra: object = {}) => ({
    id: randomUUID(),
    submissionId,
    action: 'accept',
    comment: '',
    createdAt: '2026-11-25T12:00:00.000Z',
    ...extra,
  });

  it('records a batch once, however often it is sent, and names an audit of a foreign submission', async () => {
    const submission = sampleSubmission();
    await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: [submission] } });
    const audits = [decision(submission.id), decision(submission.id, { action: 'return', comment: 'Cite it.' })];
    const first = await h.call('POST', '/v1/audits/batch', { token: h.leadToken, body: { audits } });
    expect(first.status).toBe(200);
    expect((await first.json()).results.map((r: { status: string }) => r.status)).toEqual(['created', 'created']);
    const again = await (await h.call('POST', '/v1/audits/batch', { token: h.leadToken, body: { audits } })).json();
    expect(again.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);
    const foreign = await h.call('POST', '/v1/audits/batch', {
      token: h.leadToken,
      body: { audits: [decision(submission.id), decision(randomUUID())] },
    });
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).error.issues[0].path).toBe('audits.1.submissionId');
  });

  it('fixes a review: the corrected one is kept beside the original, and is what the export carries', async () => {
    const submission = sampleSubmission();
    await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: [submission] } });
    const noReview = await h.call('POST', '/v1/audits', {
      token: h.leadToken,
      body: decision(submission.id, { action: 'fix' }),
    });
    expect(noReview.status).toBe(400);
    expect((await noReview.json()).error.issues[0].path).toBe('review');
    const fixed = {
      kind: 'improve',
      turn: 1,
      rewrite: 'Yes, with the threshold corrected.',
      comment: 'Lead fix',
      activeMs: 0,
    };
    const res = await h.call('POST', '/v1/audits', {
      token: h.leadToken,
      body: decision(submission.id, { action: 'fix', review: fixed }),
    });
    expect(res.status).toBe(200);
    const [stored] = await h.db.query<{ body: { review: unknown } }>('SELECT body FROM submissions');
    expect(stored?.body.review).toEqual(submission.review);
    const csv = await (await h.call('GET', '/v1/exports/csv?status=accepted', { token: h.leadToken })).text();
    const line = csv.trim().split('\r\n')[1] ?? '';
    expect(line).toContain('improve');
    expect(line).toContain('fix');
  });
});
