/**
 * Delivers the outbox: the oldest pending items first, in bounded batches,
 * until the queue is empty, the server asks to wait, or the token is refused.
 * Enqueue order is kept per task (see `sendable`).
 *
 * Delivery is at-least-once (a reply lost after the server committed means the
 * batch is sent again); the server's idempotency on submission ids makes that
 * exactly-once in effect.
 */
import type { Audit } from '../schema/audit';
import type { Submission } from '../schema/submission';
import type { Db } from '../storage/db';
import { moveTo, type PendingItem, payloadOf } from './item';
import { type Attempt, BATCH, batchLength, decide } from './policy';
import { markSent, updateItems, walkPending } from './store';

/** One request's worth of items: reviews, or a lead's decisions (they go to different endpoints). */
export type Batch = { kind: 'submissions'; items: Submission[] } | { kind: 'audits'; items: Audit[] };

export interface FlushDeps {
  db: Db;
  /** Only this account's items are sent: the token is theirs. */
  account: string;
  send(batch: Batch): Promise<Attempt>;
  now(): number;
  random(): number;
}

export type FlushResult =
  | { kind: 'empty' }
  /**
   * Pending items remain; wake up at `at` (ms since epoch). `backoff`: the
   * server or the network just failed, so new items should wait too.
   */
  | { kind: 'waiting'; at: number; backoff: boolean }
  | { kind: 'unauthorized'; error: string };

const encoder = new TextEncoder();

/**
 * After this many server errors (not network failures: an outage is no sign
 * against an item), an item is sent alone: if it is what makes the server
 * fail, it fails alone.
 */
const ISOLATE_AFTER = 3;

/**
 * Up to `limit` items that may go now, in enqueue order: of this account, due,
 * and not held back by an earlier pending item they must follow (the same
 * task's earlier review, or the quick rating they complete). Order is kept per
 * task, so a review that keeps failing holds back its own task only. With
 * none ready, `nextAt` says when the first pending item falls due.
 */
async function sendable(
  db: Db,
  account: string,
  now: number,
  limit: number,
): Promise<{ ready: PendingItem[]; pending: boolean; nextAt: number }> {
  const tasksAhead = new Set<string>();
  const idsAhead = new Set<string>();
  const ready: PendingItem[] = [];
  let pending = false;
  let nextAt = Number.POSITIVE_INFINITY;
  await walkPending(db, (item) => {
    if (item.account.key !== account) return true;
    pending = true;
    const { taskId, supersedes } = item.submission ?? {};
    const held =
      (taskId !== undefined && tasksAhead.has(taskId)) || (supersedes !== undefined && idsAhead.has(supersedes));
    if (!held && item.nextAttemptAt <= now) ready.push(item);
    nextAt = Math.min(nextAt, item.nextAttemptAt);
    if (taskId !== undefined) tasksAhead.add(taskId);
    idsAhead.add(item.id);
    return ready.length < limit;
  });
  return { ready, pending, nextAt };
}

export async function flush(deps: FlushDeps): Promise<FlushResult> {
  const { db } = deps;
  let maxItems = BATCH.maxItems;
  /** Items sent alone that failed in a row: two mean the server is down, not one item poisoned. */
  let isolatedFailures = 0;
  for (;;) {
    const { ready, pending, nextAt } = await sendable(db, deps.account, deps.now(), maxItems);
    const first = ready[0];
    if (!first) return pending ? { kind: 'waiting', at: nextAt, backoff: false } : { kind: 'empty' };
    const suspect = (first.serverErrors ?? 0) >= ISOLATE_AFTER;
    const limit = suspect ? 1 : maxItems;
    // A request carries one kind of item: those of the first ready item's kind.
    const candidates = ready
      .filter((item) => (item.audit === undefined) === (first.audit === undefined))
      .slice(0, limit);
    const sizes = candidates.map((item) => encoder.encode(JSON.stringify(payloadOf(item))).length);
    const batch = candidates.slice(0, batchLength(sizes, limit));
    const ids = batch.map((item) => item.id);
    const attempt = await deps.send(
      first.audit
        ? { kind: 'audits', items: batch.flatMap((item) => (item.audit ? [item.audit] : [])) }
        : { kind: 'submissions', items: batch.flatMap((item) => (item.submission ? [item.submission] : [])) },
    );
    const decision = decide(attempt, batch.length, first.attempts, deps.now(), deps.random);

    switch (decision.kind) {
      case 'delivered':
        await markSent(db, ids, deps.now());
        isolatedFailures = 0;
        break;
      case 'retry': {
        const at = deps.now() + decision.delayMs;
        const serverError = attempt.kind === 'http' && attempt.status >= 500 ? 1 : 0;
        await updateItems(db, ids, (item) =>
          moveTo(
            item,
            {
              state: 'pending',
              nextAttemptAt: at,
              lastError: decision.error,
              serverErrors: (item.state === 'pending' ? (item.serverErrors ?? 0) : 0) + serverError,
            },
            true,
          ),
        );
        // An item sent alone after failing before may be what fails: the others go on.
        if (suspect && ++isolatedFailures < 2) break;
        // Otherwise it is likely the server or the network: wait before trying anything else.
        return { kind: 'waiting', at, backoff: true };
      }
      case 'reject': {
        const refused = [...decision.items.keys()].map((i) => ids[i]).filter((id): id is string => id !== undefined);
        await updateItems(db, refused, (item) =>
          moveTo(
            item,
            { state: 'failed', lastError: decision.items.get(ids.indexOf(item.id)) ?? 'Refused by the server' },
            true,
          ),
        );
        break; // the rest of the batch is still due: go round again
      }
      case 'shrink':
        maxItems = 1;
        break;
      case 'unauthorized':
        return { kind: 'unauthorized', error: decision.error };
    }
  }
}
