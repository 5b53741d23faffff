/**
 * Delivery decisions, as pure functions: how long to wait before the next
 * attempt, and what a server's reply means for each item of a batch.
 */

import { i18n } from '#i18n';
import { SubmitBatchResult } from '../schema/api';

export const RETRY = {
  baseMs: 2_000,
  capMs: 5 * 60_000,
  /** A server's Retry-After is honoured up to this. */
  maxRetryAfterMs: 60 * 60_000,
};

export const BATCH = { maxItems: 25, maxBytes: 1024 * 1024 };

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^attempt)], at least 1 s. */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(RETRY.capMs, RETRY.baseMs * 2 ** Math.min(attempt, 20));
  return Math.max(1_000, Math.round(random() * ceiling));
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(0, ms), RETRY.maxRetryAfterMs);
}

/** What came back from one delivery attempt. */
export type Attempt =
  | { kind: 'network'; error: string }
  | { kind: 'http'; status: number; retryAfter: string | null; body: unknown };

export type Decision =
  /** Every item is stored on the server. */
  | { kind: 'delivered' }
  /** Try the whole batch again later. */
  | { kind: 'retry'; delayMs: number; error: string }
  /** These items (by index in the batch) are refused for good; resend the others at once. */
  | { kind: 'reject'; items: Map<number, string> }
  /** The request was too large for something on the way: send the items one by one. */
  | { kind: 'shrink' }
  /** The token is no longer accepted: stop until the user signs in again. */
  | { kind: 'unauthorized'; error: string };

interface ErrorBody {
  message?: string;
  issues?: { path: string; message: string }[];
}

/** The task server's error body; undefined for anything else (a proxy's HTML page, say). */
function errorBody(body: unknown): ErrorBody | undefined {
  if (body && typeof body === 'object' && 'error' in body && body.error && typeof body.error === 'object') {
    return body.error as ErrorBody;
  }
  return undefined;
}

export function decide(
  attempt: Attempt,
  batchSize: number,
  attemptNo: number,
  now: number,
  random: () => number,
): Decision {
  if (attempt.kind === 'network') {
    return { kind: 'retry', delayMs: backoffMs(attemptNo, random), error: attempt.error };
  }
  const { status } = attempt;
  if (status === 200) {
    const parsed = SubmitBatchResult.safeParse(attempt.body);
    if (parsed.success && parsed.data.results.length === batchSize) return { kind: 'delivered' };
    return { kind: 'retry', delayMs: backoffMs(attemptNo, random), error: i18n.t('worker.delivery.unreadable') };
  }
  const body = errorBody(attempt.body);
  const message = body?.message ?? i18n.t('worker.delivery.answered', { status });
  if (status === 413 && batchSize > 1) return { kind: 'shrink' };
  if (status === 401 && body) return { kind: 'unauthorized', error: message };
  // Overload and server faults pass; so may a refusal that is not the task server's own
  // (a proxy or captive portal answering in its place): only the server can refuse an item.
  if (status === 408 || status === 425 || status === 429 || status >= 500 || !body) {
    const delayMs = retryAfterMs(attempt.retryAfter, now) ?? backoffMs(attemptNo, random);
    return {
      kind: 'retry',
      delayMs,
      error: body
        ? i18n.t('worker.server.refused', { message, status })
        : i18n.t('worker.delivery.notAttending', { message }),
    };
  }
  // A refusal: name the items at fault when the server did (issue paths start
  // "submissions.<index>." or "audits.<index>."), else the whole batch is refused.
  const items = new Map<number, string>();
  for (const issue of body.issues ?? []) {
    const match = /^(?:submissions|audits)\.(\d+)(?:\.(.*))?$/.exec(issue.path);
    const index = Number(match?.[1]);
    if (match && index < batchSize && !items.has(index)) {
      items.set(index, match[2] ? `${match[2]}: ${issue.message}` : issue.message);
    }
  }
  if (items.size === 0) for (let i = 0; i < batchSize; i++) items.set(i, message);
  return { kind: 'reject', items };
}

/** The longest prefix of `sizes` within the batch limits (and `maxItems`); always at least one item. */
export function batchLength(sizes: number[], maxItems: number = BATCH.maxItems): number {
  let bytes = 0;
  let n = 0;
  for (const size of sizes) {
    if (n === maxItems || (n > 0 && bytes + size > BATCH.maxBytes)) break;
    bytes += size;
    n++;
  }
  return n;
}
