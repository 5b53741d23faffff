import { describe, expect, it } from 'vitest';
import { BATCH, backoffMs, batchLength, decide, RETRY, retryAfterMs } from '../../utils/outbox/policy';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const http = (status: number, body: unknown = {}, retryAfter: string | null = null) =>
  ({ kind: 'http', status, body, retryAfter }) as const;

describe('backoff', () => {
  it('grows exponentially to the cap, with full jitter, and never below a second', () => {
    expect(backoffMs(0, () => 1)).toBe(RETRY.baseMs);
    expect(backoffMs(3, () => 1)).toBe(RETRY.baseMs * 8);
    expect(backoffMs(50, () => 1)).toBe(RETRY.capMs);
    expect(backoffMs(3, () => 0.5)).toBe(RETRY.baseMs * 4);
    expect(backoffMs(10, () => 0)).toBe(1_000);
    for (let attempt = 0; attempt < 30; attempt++) {
      const delay = backoffMs(attempt, Math.random);
      expect(delay).toBeGreaterThanOrEqual(1_000);
      expect(delay).toBeLessThanOrEqual(RETRY.capMs);
    }
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and caps them', () => {
    expect(retryAfterMs('120', NOW)).toBe(120_000);
    expect(retryAfterMs(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(retryAfterMs(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(0);
    expect(retryAfterMs('999999', NOW)).toBe(RETRY.maxRetryAfterMs);
  });

  it('ignores what it cannot read', () => {
    expect(retryAfterMs(null, NOW)).toBeUndefined();
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
  });
});

describe('decide', () => {
  const ok = {
    results: [
      { id: '6b1f2f7e-0d5a-4c4e-9b38-2f9d2b0c1a11', status: 'created', receivedAt: '2026-11-25T12:00:00.000Z' },
    ],
  };

  it('counts a 200 with one result per item as delivered', () => {
    expect(decide(http(200, ok), 1, 0, NOW, Math.random)).toEqual({ kind: 'delivered' });
  });

  it('retries a 200 it cannot read rather than dropping the items', () => {
    expect(decide(http(200, { results: [] }), 1, 0, NOW, () => 1).kind).toBe('retry');
  });

  it.each([408, 425, 429, 500, 502, 503, 504, 599])('retries HTTP %i', (status) => {
    expect(decide(http(status), 3, 2, NOW, () => 1)).toMatchObject({ kind: 'retry', delayMs: RETRY.baseMs * 4 });
  });

  it('honours Retry-After on 429 and 503', () => {
    expect(decide(http(429, {}, '7'), 1, 0, NOW, () => 1)).toMatchObject({ kind: 'retry', delayMs: 7_000 });
    expect(decide(http(503, {}, '0'), 1, 5, NOW, () => 1)).toMatchObject({ kind: 'retry', delayMs: 0 });
  });

  it('retries a network failure with backoff', () => {
    expect(decide({ kind: 'network', error: 'offline' }, 2, 1, NOW, () => 1)).toEqual({
      kind: 'retry',
      delayMs: RETRY.baseMs * 2,
      error: 'offline',
    });
  });

  it('stops on 401: the token must be renewed, nothing is refused', () => {
    expect(decide(http(401, { error: { message: 'bad token' } }), 4, 0, NOW, Math.random)).toEqual({
      kind: 'unauthorized',
      error: 'bad token',
    });
  });

  it('refuses only the items the server named', () => {
    const body = {
      error: {
        message: 'submissions.2.review.rewrite: required',
        issues: [
          { path: 'submissions.2.review.rewrite', message: 'A rewrite is required' },
          { path: 'submissions.2.review', message: 'second issue of the same item' },
          { path: 'submissions.9', message: 'outside the batch' },
        ],
      },
    };
    const decision = decide(http(400, body), 4, 0, NOW, Math.random);
    expect(decision).toEqual({ kind: 'reject', items: new Map([[2, 'review.rewrite: A rewrite is required']]) });
  });

  it('refuses every item when the server names none', () => {
    const decision = decide(http(422, { error: { message: 'unreadable' } }), 2, 0, NOW, Math.random);
    expect(decision).toEqual({
      kind: 'reject',
      items: new Map([
        [0, 'unreadable'],
        [1, 'unreadable'],
      ]),
    });
  });

  it('sends items one by one after a 413 on a batch, and refuses a single item that is too large', () => {
    expect(decide(http(413, { error: { message: 'too large' } }), 2, 0, NOW, Math.random)).toEqual({ kind: 'shrink' });
    expect(decide(http(413, '<html>Request Entity Too Large</html>'), 3, 0, NOW, Math.random)).toEqual({
      kind: 'shrink',
    });
    expect(decide(http(413, { error: { message: 'too large' } }), 1, 0, NOW, Math.random)).toEqual({
      kind: 'reject',
      items: new Map([[0, 'too large']]),
    });
  });

  it.each([403, 404, 405, 401])('retries a %i that is not the task server speaking (a proxy page)', (status) => {
    expect(decide(http(status, '<html>Forbidden</html>'), 2, 0, NOW, () => 1)).toEqual({
      kind: 'retry',
      delayMs: RETRY.baseMs,
      error: `The server answered ${status}, not as an Attending server`,
    });
  });

  it('refuses on a 409 naming the reused id', () => {
    const body = { error: { message: 'reused', issues: [{ path: 'submissions.0.id', message: 'reused' }] } };
    expect(decide(http(409, body), 2, 0, NOW, Math.random)).toEqual({
      kind: 'reject',
      items: new Map([[0, 'id: reused']]),
    });
  });
});

describe('batchLength', () => {
  it('bounds a batch by count and bytes, and always sends at least one item', () => {
    expect(batchLength([])).toBe(0);
    expect(batchLength(Array(100).fill(10))).toBe(BATCH.maxItems);
    expect(batchLength([BATCH.maxBytes - 10, 5, 10])).toBe(2);
    expect(batchLength([BATCH.maxBytes * 3, 1])).toBe(1);
  });
});

describe('queueWarning', () => {
  it('warns early, before the storage runs out, and says nothing is dropped', async () => {
    const { queueWarning } = await import('../../utils/outbox/item');
    expect(queueWarning(10, { usage: 1, quota: 100 })).toBeUndefined();
    expect(queueWarning(500, {})).toMatch(/^500 reviews are waiting to be sent\. .*nothing is dropped/);
    expect(queueWarning(3, { usage: 60, quota: 100 })).toMatch(/using 60% of the browser's storage/);
  });
});
