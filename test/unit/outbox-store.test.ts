import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Batch, type FlushDeps, flush } from '../../utils/outbox/flush';
import { accountOf, outboxLine } from '../../utils/outbox/item';
import type { Attempt } from '../../utils/outbox/policy';
import { countByState, enqueue, pendingItems, recentItems, retryNow, SENT_KEPT } from '../../utils/outbox/store';
import type { Submission } from '../../utils/schema/submission';
import { type Db, openAttendingDb } from '../../utils/storage/db';
import { sampleSubmission } from './support/samples';

const ada = accountOf({ id: 'u-ada', name: 'Dr. Ada Okafor' });
const sam = accountOf({ id: 'u-sam', name: 'Dr. Sam Lee' });

let db: Db;
let clock: number;
let sent: Submission[][];
let replies: Attempt[];

function deps(): FlushDeps {
  return {
    db,
    account: ada.key,
    now: () => clock,
    random: () => 1,
    async send(batch) {
      const items = submissionsOf(batch);
      sent.push(items);
      return replies.shift() ?? accepted(items);
    },
  };
}

function submissionsOf(batch: Batch): Submission[] {
  if (batch.kind !== 'submissions') throw new Error('expected submissions');
  return batch.items;
}

function accepted(batch: { id: string }[]): Attempt {
  return {
    kind: 'http',
    status: 200,
    retryAfter: null,
    body: { results: batch.map((s) => ({ id: s.id, status: 'created', receivedAt: new Date(clock).toISOString() })) },
  };
}

function allItems() {
  return db.getAll('outbox');
}

async function states(): Promise<Record<string, string>> {
  return Object.fromEntries((await allItems()).map((i) => [i.id, i.state]));
}

beforeEach(async () => {
  db = await openAttendingDb(`test-${randomUUID()}`);
  clock = Date.parse('2026-11-25T12:00:00Z');
  sent = [];
  replies = [];
});
afterEach(() => db.close());

async function enqueueMany(n: number, account = ada): Promise<Submission[]> {
  const made = [];
  for (let i = 0; i < n; i++) {
    const s = sampleSubmission();
    await enqueue(db, { submission: s }, account, clock);
    clock += 1; // distinct enqueue times give the delivery order
    made.push(s);
  }
  return made;
}

describe('enqueue', () => {
  it('is durable once it resolves: a new connection sees the item', async () => {
    const [s] = await enqueueMany(1);
    const again = await openAttendingDb(db.name);
    expect((await again.get('outbox', s?.id ?? ''))?.submission).toEqual(s);
    again.close();
  });

  it('never overwrites: the same submission id cannot be queued twice', async () => {
    const [s] = await enqueueMany(1);
    await expect(enqueue(db, { submission: s as Submission }, ada, clock)).rejects.toThrow();
    expect(await allItems()).toHaveLength(1);
  });
});

describe('flush', () => {
  it('delivers everything in enqueue order, in bounded batches', async () => {
    const made = await enqueueMany(30);
    expect(await flush(deps())).toEqual({ kind: 'empty' });
    expect(sent.map((b) => b.length)).toEqual([25, 5]);
    expect(sent.flat().map((s) => s.id)).toEqual(made.map((s) => s.id));
    expect(Object.values(await states()).every((s) => s === 'sent')).toBe(true);
  });

  it('keeps everything and waits when the server is down, then delivers when it is back', async () => {
    const made = await enqueueMany(3);
    replies.push({ kind: 'network', error: 'Failed to fetch' });
    const result = await flush(deps());
    expect(result).toEqual({ kind: 'waiting', at: clock + 2_000, backoff: true });
    const pending = await pendingItems(db);
    expect(pending.map((i) => [i.id, i.attempts, i.lastError])).toEqual(made.map((s) => [s.id, 1, 'Failed to fetch']));
    // Not due yet: nothing is sent.
    expect(await flush(deps())).toEqual({ kind: 'waiting', at: clock + 2_000, backoff: false });
    expect(sent).toHaveLength(1);
    clock += 2_000;
    expect(await flush(deps())).toEqual({ kind: 'empty' });
    expect(sent).toHaveLength(2);
  });

  it('sets a refused item aside with the server message and delivers the rest', async () => {
    const made = await enqueueMany(3);
    replies.push({
      kind: 'http',
      status: 400,
      retryAfter: null,
      body: {
        error: {
          message: 'bad',
          issues: [{ path: 'submissions.1.capture', message: 'Text contains a NUL character' }],
        },
      },
    });
    expect(await flush(deps())).toEqual({ kind: 'empty' });
    expect(sent.map((b) => b.map((s) => s.id))).toEqual([made.map((s) => s.id), [made[0]?.id, made[2]?.id]]);
    const failed = (await allItems()).find((i) => i.state === 'failed');
    expect(failed?.id).toBe(made[1]?.id);
    expect(failed && outboxLine(failed, ada.key).lastError).toBe('capture: Text contains a NUL character');
  });

  it('keeps every item when the token is refused', async () => {
    await enqueueMany(2);
    replies.push({
      kind: 'http',
      status: 401,
      retryAfter: null,
      body: { error: { message: 'This token is not valid' } },
    });
    expect(await flush(deps())).toEqual({ kind: 'unauthorized', error: 'This token is not valid' });
    expect(Object.values(await states())).toEqual(['pending', 'pending']);
  });

  it('keeps only the newest sent items for history', async () => {
    const made = await enqueueMany(SENT_KEPT + 5);
    await flush(deps());
    const kept = (await allItems()).map((i) => i.id);
    expect(new Set(kept)).toEqual(new Set(made.slice(5).map((s) => s.id)));
  });

  it('sends one by one after a batch was too large for the way to the server', async () => {
    const made = await enqueueMany(3);
    replies.push({ kind: 'http', status: 413, retryAfter: null, body: '<html>413 Request Entity Too Large</html>' });
    expect(await flush(deps())).toEqual({ kind: 'empty' });
    expect(sent.map((b) => b.length)).toEqual([3, 1, 1, 1]);
    expect(
      sent
        .slice(1)
        .flat()
        .map((s) => s.id),
    ).toEqual(made.map((s) => s.id));
  });
});

describe('a review the server keeps failing on', () => {
  /** The server answers 500 to any batch holding `poison`; it stores the rest. */
  function poisonedBy(poison: string) {
    return (batch: Batch): Attempt => {
      const items = submissionsOf(batch);
      return items.some((s) => s.id === poison)
        ? { kind: 'http', status: 500, retryAfter: null, body: {} }
        : accepted(items);
    };
  }

  it('is sent alone after a few attempts, and never holds back the reviews of other tasks', async () => {
    const made = await enqueueMany(10);
    const poison = made[0]?.id ?? '';
    const send = poisonedBy(poison);
    const d = {
      ...deps(),
      send: async (batch: Batch) => {
        sent.push(submissionsOf(batch));
        return send(batch);
      },
    };
    for (let round = 0; round < 6 && (await pendingItems(db)).length > 1; round++) {
      const result = await flush(d);
      if (result.kind === 'waiting') clock = result.at;
    }
    expect((await pendingItems(db)).map((i) => i.id)).toEqual([poison]);
    expect(sent.filter((b) => b.length === 1 && b[0]?.id === poison).length).toBeGreaterThan(0);
  });

  it('holds back later reviews of its own task, and the detail added to it', async () => {
    const first = { ...sampleSubmission(), taskId: 'clin-t01' };
    const sameTask = { ...sampleSubmission(), taskId: 'clin-t01' };
    const otherTask = { ...sampleSubmission(), taskId: 'clin-t02' };
    const detail = { ...sampleSubmission(), supersedes: first.id };
    for (const s of [first, sameTask, otherTask, detail]) {
      await enqueue(db, { submission: s }, ada, clock);
      clock += 1;
    }
    const send = poisonedBy(first.id);
    const d = {
      ...deps(),
      send: async (batch: Batch) => {
        sent.push(submissionsOf(batch));
        return send(batch);
      },
    };
    for (let round = 0; round < 8; round++) {
      const result = await flush(d);
      if (result.kind === 'waiting') clock = result.at;
    }
    expect(new Set((await pendingItems(db)).map((i) => i.id))).toEqual(new Set([first.id, sameTask.id, detail.id]));
    expect(sent.flat().some((s) => s.id === sameTask.id || s.id === detail.id)).toBe(false);
    expect((await db.get('outbox', otherTask.id))?.state).toBe('sent');
  });
});

describe("a lead's decisions", () => {
  it('queue beside reviews and go in requests of their own', async () => {
    const [review] = await enqueueMany(1);
    const audit = {
      id: randomUUID(),
      submissionId: review?.id ?? '',
      action: 'accept' as const,
      comment: '',
      createdAt: new Date(clock).toISOString(),
    };
    await enqueue(db, { audit }, ada, clock);
    const batches: Batch[] = [];
    const d = {
      ...deps(),
      send: async (batch: Batch) => {
        batches.push(batch);
        return accepted(batch.items);
      },
    };
    expect(await flush(d)).toEqual({ kind: 'empty' });
    expect(batches.map((b) => [b.kind, b.items.length])).toEqual([
      ['submissions', 1],
      ['audits', 1],
    ]);
    expect(outboxLine((await db.get('outbox', audit.id)) as never, ada.key)).toMatchObject({
      kind: 'audit: accept',
      state: 'sent',
    });
  });
});

describe('an outage', () => {
  async function failedBefore(extra: object) {
    await enqueueMany(30);
    const items = await db.getAll('outbox');
    await Promise.all(items.map((item) => db.put('outbox', { ...item, attempts: 7, ...extra })));
  }

  it('costs one request per flush, however often the network failed before', async () => {
    await failedBefore({});
    replies.push(...Array.from({ length: 30 }, () => ({ kind: 'network', error: 'offline' }) as const));
    expect((await flush(deps())).kind).toBe('waiting');
    expect(sent.map((b) => b.length)).toEqual([25]);
  });

  it('costs at most two requests per flush when the items had server errors before', async () => {
    await failedBefore({ serverErrors: 7 });
    replies.push(...Array.from({ length: 30 }, () => ({ kind: 'network', error: 'offline' }) as const));
    expect((await flush(deps())).kind).toBe('waiting');
    expect(sent.map((b) => b.length)).toEqual([1, 1]);
  });
});

describe('accounts', () => {
  it("sends only the signed-in reviewer's items, and shows whose the others are", async () => {
    const adas = await enqueueMany(2, ada);
    const sams = await enqueueMany(1, sam);
    expect(await flush(deps())).toEqual({ kind: 'empty' });
    expect(sent.flat().map((s) => s.id)).toEqual(adas.map((s) => s.id));
    expect((await pendingItems(db)).map((i) => i.id)).toEqual(sams.map((s) => s.id));
    const lines = (await recentItems(db, 10)).map((i) => outboxLine(i, ada.key));
    expect(lines.map((l) => [l.state, l.owner])).toEqual([
      ['pending', 'Dr. Sam Lee'],
      ['sent', undefined],
      ['sent', undefined],
    ]);
  });
});

describe('popup views', () => {
  it('count by state and list the newest items first, bounded', async () => {
    const made = await enqueueMany(30);
    replies.push({ kind: 'http', status: 422, retryAfter: null, body: { error: { message: 'no' } } });
    await flush(deps());
    expect(await countByState(db)).toEqual({ pending: 0, failed: 25, sent: 5 });
    const recent = await recentItems(db, 7);
    expect(recent.map((i) => i.id)).toEqual(
      made
        .slice(-7)
        .reverse()
        .map((s) => s.id),
    );
  });
});

describe('retryNow', () => {
  it('puts refused items back in the queue and makes waiting ones due', async () => {
    const made = await enqueueMany(2);
    replies.push({ kind: 'http', status: 422, retryAfter: null, body: { error: { message: 'no' } } });
    await flush(deps());
    expect(Object.values(await states())).toEqual(['failed', 'failed']);
    await retryNow(db, clock);
    expect((await pendingItems(db)).map((i) => i.id)).toEqual(made.map((s) => s.id));
    expect(await flush(deps())).toEqual({ kind: 'empty' });
  });
});
