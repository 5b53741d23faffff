/**
 * The operational log (server/log.ts, server/request-log.ts): one JSON line
 * per request on stdout, errors with their stack on stderr, and nothing of
 * what a request carries: no token, no body, no query value, no id in a path.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import type { Database } from '../../../server/db/database';
import { jsonLogger } from '../../../server/log';
import { sampleSubmission } from '../support/samples';
import { type Harness, harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.db.close());

interface Captured {
  app: ReturnType<typeof createApp>;
  stdout: string[];
  stderr: string[];
}

function loggedApp(db: Database = h.db): Captured {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = jsonLogger(
    { write: (line: string) => stdout.push(line) },
    { write: (line: string) => stderr.push(line) },
  );
  return { app: createApp({ db, log }), stdout, stderr };
}

const parse = (lines: string[]) =>
  lines.map((line) => {
    expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
    return JSON.parse(line) as Record<string, unknown>;
  });

const PHI = 'Jane Doe, MRN 88412345, DOB 1961-03-04';

describe('request log lines', () => {
  it('say what was asked and how it was answered, and hold no token, body, query value or path id', async () => {
    const { app, stdout, stderr } = loggedApp();
    const submission = sampleSubmission({ kind: 'approve', turn: 1, comment: PHI, activeMs: 1200 });
    submission.capture?.turns.splice(0, 1, { ...submission.capture.turns[0], role: 'user', text: PHI } as never);
    const sent = await app.request('/v1/submissions/batch?patient=Jane%20Doe', {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.expertToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ submissions: [submission] }),
    });
    expect(sent.status).toBe(200);
    const listed = await app.request(
      `/v1/submissions?url=${encodeURIComponent('https://chat.example.test/c/88412345')}`,
      {
        headers: { Authorization: `Bearer ${h.leadToken}` },
      },
    );
    expect(listed.status).toBe(200);
    const claimed = await app.request(`/v1/projects/${h.projectId}/claim`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.expertToken}` },
    });
    expect(claimed.status).toBe(200);
    const refused = await app.request('/v1/me', { headers: { Authorization: 'Bearer att_not-a-real-token' } });
    expect(refused.status).toBe(401);

    const lines = parse(stdout);
    expect(lines).toEqual([
      {
        time: expect.any(String),
        level: 'info',
        event: 'request',
        requestId: expect.any(String),
        method: 'POST',
        path: '/v1/submissions/batch',
        status: 200,
        durationMs: expect.any(Number),
      },
      expect.objectContaining({ method: 'GET', path: '/v1/submissions', status: 200 }),
      expect.objectContaining({ method: 'POST', path: '/v1/projects/{id}/claim', status: 200 }),
      expect.objectContaining({ method: 'GET', path: '/v1/me', status: 401 }),
    ]);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual([
        'durationMs',
        'event',
        'level',
        'method',
        'path',
        'requestId',
        'status',
        'time',
      ]);
      expect(new Date(line.time as string).toISOString()).toBe(line.time);
    }
    // Each reply names its line.
    expect([sent, listed, claimed, refused].map((r) => r.headers.get('X-Request-Id'))).toEqual(
      lines.map((l) => l.requestId),
    );
    expect(new Set(lines.map((l) => l.requestId)).size).toBe(4);

    const everything = [...stdout, ...stderr].join('');
    for (const secret of [
      h.expertToken,
      h.leadToken,
      'att_not-a-real-token',
      'Jane',
      '88412345',
      'chat.example.test',
      h.projectId,
      submission.id,
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(stderr).toEqual([]);
  });

  it('keep a proxy’s request id, but never one shaped like a token', async () => {
    const { app, stdout } = loggedApp();
    const kept = await app.request('/v1/health', { headers: { 'X-Request-Id': 'f00dfeed-1234-5678' } });
    const replaced = await app.request('/v1/health', { headers: { 'X-Request-Id': h.expertToken } });
    const [first, second] = parse(stdout);
    expect(first?.requestId).toBe('f00dfeed-1234-5678');
    expect(kept.headers.get('X-Request-Id')).toBe('f00dfeed-1234-5678');
    expect(second?.requestId).not.toBe(h.expertToken);
    expect(replaced.headers.get('X-Request-Id')).toBe(second?.requestId);
    expect(stdout.join('')).not.toContain(h.expertToken);
  });
});

describe('an error', () => {
  it('goes to stderr as one JSON line with its stack and the request id; the request line says 500', async () => {
    const failing: Database = {
      ...h.db,
      query: (sql, params) =>
        /FROM projects/.test(sql) ? Promise.reject(new Error('disk on fire')) : h.db.query(sql, params),
    };
    const { app, stdout, stderr } = loggedApp(failing);
    const res = await app.request('/v1/projects?name=Jane', { headers: { Authorization: `Bearer ${h.leadToken}` } });
    expect(res.status).toBe(500);
    const [request] = parse(stdout);
    expect(request).toMatchObject({ event: 'request', path: '/v1/projects', status: 500 });
    const [error, ...more] = parse(stderr);
    expect(more).toEqual([]);
    expect(error).toMatchObject({
      level: 'error',
      event: 'request_failed',
      requestId: request?.requestId,
      error: { name: 'Error', message: 'disk on fire', stack: expect.stringContaining('logs.test.ts') },
    });
    expect([...stdout, ...stderr].join('')).not.toContain(h.leadToken);
    expect([...stdout, ...stderr].join('')).not.toContain('Jane');
  });
});
