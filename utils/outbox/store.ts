/**
 * The outbox in IndexedDB. Every write is awaited to its transaction's
 * completion: once `enqueue` resolves the review is on disk, and only then may
 * the UI say "queued". Nothing is deleted before the server acknowledged it;
 * acknowledged items are kept (the newest SENT_KEPT) for the popup's history.
 */

import type { Db } from '../storage/db';
import { type Account, moveTo, type OutboxItem, type OutboxState, type Payload, type PendingItem } from './item';

export const SENT_KEPT = 50;

export async function enqueue(db: Db, payload: Payload, account: Account, now: number): Promise<void> {
  const item: OutboxItem = {
    id: payload.audit ? payload.audit.id : payload.submission.id,
    ...payload,
    account,
    createdAt: now,
    attempts: 0,
    state: 'pending',
    nextAttemptAt: now,
  };
  // Strict durability: committed means on disk (Chrome's default commits before flushing).
  const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
  // add(), not put(): an id already queued is a bug upstream, never an overwrite.
  await Promise.all([tx.store.add(item), tx.done]);
}

function byState(state: OutboxItem['state']): IDBKeyRange {
  return IDBKeyRange.bound([state, -Infinity], [state, Infinity]);
}

/** Pending items of one account (or of all), in delivery order. */
export async function pendingItems(db: Db, account?: string): Promise<PendingItem[]> {
  const items = (await db.getAllFromIndex('outbox', 'byState', byState('pending'))) as PendingItem[];
  return account === undefined ? items : items.filter((item) => item.account.key === account);
}

/**
 * Walks the pending items in delivery order, in one read transaction, until
 * `visit` returns false: the delivery loop reads what it sends, not the whole
 * queue, however long the queue is.
 */
export async function walkPending(db: Db, visit: (item: PendingItem) => boolean): Promise<void> {
  const tx = db.transaction('outbox');
  for (let c = await tx.store.index('byState').openCursor(byState('pending')); c; c = await c.continue()) {
    if (!visit(c.value as PendingItem)) break;
  }
}

export async function countByState(db: Db): Promise<Record<OutboxState, number>> {
  const [pending, failed, sent] = await Promise.all(
    (['pending', 'failed', 'sent'] as const).map((state) => db.countFromIndex('outbox', 'byState', byState(state))),
  );
  return { pending: pending ?? 0, failed: failed ?? 0, sent: sent ?? 0 };
}

/** The newest `limit` items, newest first, reading no more than that many of each state. */
export async function recentItems(db: Db, limit: number): Promise<OutboxItem[]> {
  const tx = db.transaction('outbox');
  const newest = async (state: OutboxState) => {
    const out: OutboxItem[] = [];
    for (
      let c = await tx.store.index('byState').openCursor(byState(state), 'prev');
      c && out.length < limit;
      c = await c.continue()
    ) {
      out.push(c.value);
    }
    return out;
  };
  const all = (await Promise.all([newest('pending'), newest('failed'), newest('sent')])).flat();
  return all.sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
}

/** Applies `change` to each of `ids` in one transaction; items that vanished are skipped. */
export async function updateItems(db: Db, ids: string[], change: (item: OutboxItem) => OutboxItem): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  await Promise.all(
    ids.map(async (id) => {
      const item = await tx.store.get(id);
      if (item) await tx.store.put(change(item));
    }),
  );
  await tx.done;
}

export async function markSent(db: Db, ids: string[], now: number): Promise<void> {
  await updateItems(db, ids, (item) => moveTo(item, { state: 'sent', sentAt: now }, true));
  await pruneSent(db);
}

async function pruneSent(db: Db): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  const index = tx.store.index('byState');
  // Oldest first: delete those beyond the newest SENT_KEPT.
  let extra = (await index.count(byState('sent'))) - SENT_KEPT;
  for (let c = await index.openCursor(byState('sent')); c && extra > 0; c = await c.continue(), extra--) {
    await c.delete();
  }
  await tx.done;
}

/**
 * The user asks to retry now: failed items go back to pending (they fixed
 * something, or the server did) and every pending item is due at once.
 */
export async function retryNow(db: Db, now: number): Promise<void> {
  const waiting = [
    ...(await db.getAllKeysFromIndex('outbox', 'byState', byState('failed'))),
    ...(await db.getAllKeysFromIndex('outbox', 'byState', byState('pending'))),
  ];
  await updateItems(db, waiting, (item) =>
    item.state === 'sent'
      ? item
      : moveTo(item, { state: 'pending', nextAttemptAt: now, lastError: item.lastError }, false),
  );
}
