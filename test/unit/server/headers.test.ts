/**
 * Every reply of the API carries the headers of `hono/secure-headers` (its
 * defaults, as the installed Hono sets them), whoever answers: a handler, a
 * validator, the authentication, the rate limit, the body limit, the CORS
 * preflight, the not-found and error handlers, and the streamed export. The
 * demo chat page stays what the end-to-end tests and the extension need.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import type { Database } from '../../../server/db/database';
import { LIMITS } from '../../../utils/schema/limits';
import { type Harness, harness } from './harness';

const SECURE_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
};

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.db.close());

/** A database whose project queries fail, for a 500 from inside a handler. */
function failingProjects(db: Database): Database {
  return {
    ...db,
    query: (sql, params) =>
      /FROM projects/.test(sql) ? Promise.reject(new Error('disk on fire')) : db.query(sql, params),
  };
}

type Case = [name: string, status: number, send: () => Promise<Response>];

const cases: Case[] = [
  ['a handler (200)', 200, () => h.call('GET', '/v1/me', { token: h.leadToken })],
  ['a public route (200)', 200, () => h.call('GET', '/v1/health')],
  ['the streamed export (200)', 200, () => h.call('GET', '/v1/exports/csv', { token: h.leadToken })],
  [
    'a CORS preflight (204)',
    204,
    () =>
      h.call('OPTIONS', '/v1/submissions/batch', {
        headers: { Origin: 'chrome-extension://abcdefghijklmnop', 'Access-Control-Request-Method': 'POST' },
      }),
  ],
  ['the authentication (401)', 401, () => h.call('GET', '/v1/me')],
  ['a role check (403)', 403, () => h.call('GET', '/v1/submissions', { token: h.expertToken })],
  ['a validator (400)', 400, () => h.call('GET', '/v1/submissions?limit=0', { token: h.leadToken })],
  ['a handler’s not found (404)', 404, () => h.call('GET', '/v1/tasks/nope/reviews', { token: h.leadToken })],
  ['the not-found handler (404)', 404, () => h.call('GET', '/v1/nope', { token: h.leadToken })],
  ['a path outside the API (404)', 404, () => h.call('GET', '/favicon.ico')],
  ['the start page’s redirect (302)', 302, () => h.call('GET', '/')],
  [
    'a body of the wrong type (415)',
    415,
    () => h.call('POST', '/v1/projects', { token: h.leadToken, headers: { 'Content-Type': 'text/plain' }, body: 'x' }),
  ],
  [
    'the body limit (413)',
    413,
    () =>
      h.call('POST', '/v1/submissions/batch', {
        token: h.expertToken,
        body: `{"submissions":["${'x'.repeat(LIMITS.requestBytes)}"]}`,
      }),
  ],
  [
    'the rate limit (429)',
    429,
    async () => {
      const app = createApp({ db: h.db, rateLimitPerMinute: 1 });
      await app.request('/v1/me', { headers: { Authorization: `Bearer ${h.leadToken}` } });
      return app.request('/v1/me', { headers: { Authorization: `Bearer ${h.leadToken}` } });
    },
  ],
  [
    'the error handler (500)',
    500,
    () =>
      Promise.resolve(
        createApp({ db: failingProjects(h.db) }).request('/v1/projects', {
          headers: { Authorization: `Bearer ${h.leadToken}` },
        }),
      ),
  ],
];

describe('security headers', () => {
  it.each(cases)('are on the reply of %s', async (_name, status, send) => {
    const errors = console.error;
    console.error = () => {}; // the 500 case logs its error on purpose
    try {
      const res = await send();
      expect(res.status).toBe(status);
      const headers = Object.fromEntries(Object.keys(SECURE_HEADERS).map((name) => [name, res.headers.get(name)]));
      expect(headers).toEqual(SECURE_HEADERS);
      expect(res.headers.get('X-Powered-By')).toBeNull();
      await res.body?.cancel();
    } finally {
      console.error = errors;
    }
  });

  it('leave the demo chat page working: no policy that would block its inline script or the review panel frame', async () => {
    const res = await h.call('GET', '/demo/chat');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    // The page streams its last response with an inline script; the extension frames its panel into it.
    expect(res.headers.get('Content-Security-Policy')).toBeNull();
    expect(res.headers.get('Cross-Origin-Embedder-Policy')).toBeNull();
    const html = await res.text();
    expect(html).toContain('<script>');
    expect(html).toContain('id="stream-data"');
  });
});
