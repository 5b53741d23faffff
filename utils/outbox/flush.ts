/**
 * Delivers the outbox: the oldest pending items first, in bounded batches,
 * until the queue is empty, the server asks to wait, or the token is refused.
 * Global enqueue order is kept: a batch is always a prefix of the queue.
 *
 * Delivery is at-least-once (a reply lost after the server committed means the
 * batch is sent again); the server's idempotency on submission ids makes that
 * exactly-once in effect.
 */
import type { Submission } from '../schema/submission';
import type { Db } from '../storage/db';
import { moveTo } from './item';
import { type Attempt, BATCH, batchLength, decide } from './policy';
import { markSent, pendingItems, updateItems } from './store';

export interface FlushDeps {
  db: Db;
  /** Only this account's items are sent: the token is theirs. */
  account: string;
  send(submissions: Submission[]): Promise<Attempt>;
  now(): number;
  random(): number;
}

export type FlushResult =
  | { kind: 'empty' }
  /** Pending items remain; wake up at `at` (ms since epoch). */
  | { kind: 'waiting'; at: number }
  | { kind: 'unauthorized'; error: string };

const encoder = new TextEncoder();

export async function flush(deps: FlushDeps): Promise<FlushResult> {
  const { db } = deps;
  let maxItems = BATCH.maxItems;
  for (;;) {
    const pending = await pendingItems(db, deps.account);
    const first = pending[0];
    if (!first) return { kind: 'empty' };
    const now = deps.now();
    if (first.nextAttemptAt > now) return { kind: 'waiting', at: first.nextAttemptAt };

    const due = pending.filter((item) => item.nextAttemptAt <= now).slice(0, maxItems);
    const batch = due.slice(
      0,
      batchLength(
        due.map((item) => encoder.encode(JSON.stringify(item.submission)).length),
        maxItems,
      ),
    );
    const ids = batch.map((item) => item.id);
    const attempt = await deps.send(batch.map((item) => item.submission));
    const decision = decide(attempt, batch.length, first.attempts, deps.now(), deps.random);

    switch (decision.kind) {
      case 'delivered':
        await markSent(db, ids, deps.now());
        break;
      case 'retry': {
        const at = deps.now() + decision.delayMs;
        await updateItems(db, ids, (item) =>
          moveTo(item, { state: 'pending', nextAttemptAt: at, lastError: decision.error }, true),
        );
        return { kind: 'waiting', at };
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
