import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accountOf } from '../../utils/outbox/item';
import { enqueue, pendingItems } from '../../utils/outbox/store';
import { openAttendingDb } from '../../utils/storage/db';
import { sampleSubmission } from './support/samples';

describe('the extension database', () => {
  it('upgrades from version 1, keeping queued reviews, and gains the drafts store', async () => {
    const name = `upgrade-${randomUUID()}`;
    const v1 = await openAttendingDb(name, 1);
    const queued = sampleSubmission();
    await enqueue(v1, { submission: queued }, accountOf({ id: 'u1', name: 'Dr. Ada Okafor' }), 1000);
    expect([...v1.objectStoreNames].sort()).toEqual(['outbox', 'settings']);
    v1.close();

    const latest = await openAttendingDb(name);
    expect([...latest.objectStoreNames].sort()).toEqual(['drafts', 'outbox', 'settings']);
    expect((await pendingItems(latest)).map((i) => i.submission)).toEqual([queued]);
    await latest.put('drafts', { key: 'k', state: { rewrite: 'x' }, savedAt: 1 });
    expect(await latest.get('drafts', 'k')).toEqual({ key: 'k', state: { rewrite: 'x' }, savedAt: 1 });
    latest.close();
  });

  it('upgrades from version 2 with an index of queued reviews by page, which finds the ones already queued', async () => {
    const name = `upgrade-${randomUUID()}`;
    const v2 = await openAttendingDb(name, 2);
    const queued = sampleSubmission();
    await enqueue(v2, { submission: queued }, accountOf({ id: 'u1', name: 'Dr. Ada Okafor' }), 1000);
    v2.close();

    const latest = await openAttendingDb(name);
    const url = queued.capture?.url ?? '';
    expect((await latest.getAllFromIndex('outbox', 'byPage', url)).map((i) => i.id)).toEqual([queued.id]);
    expect(await latest.getAllFromIndex('outbox', 'byPage', 'https://elsewhere.test/')).toEqual([]);
    latest.close();
  });
});
