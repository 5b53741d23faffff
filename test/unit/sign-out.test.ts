/**
 * Signing out leaves nothing of the user's behind but their unsent reviews:
 * the token, the cached tasks, the drafts and the open panels' captures go;
 * the queue stays, each review still credited to who made it.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../entrypoints/background/handlers';
import { claimSession, createSession } from '../../entrypoints/background/sessions';
import { accountOf } from '../../utils/outbox/item';
import { enqueue, pendingItems } from '../../utils/outbox/store';
import { openAttendingDb, setSetting } from '../../utils/storage/db';
import { sampleSubmission } from './support/samples';

beforeEach(() => {
  fakeBrowser.reset();
  // The badge is drawn by the browser; the fake has no toolbar.
  for (const method of ['setBadgeText', 'setBadgeBackgroundColor', 'setTitle'] as const) {
    vi.spyOn(fakeBrowser.action, method).mockResolvedValue(undefined);
  }
});

describe('signing out', () => {
  it('wipes the token, cached tasks, drafts and open panels, and keeps the queue', async () => {
    const db = await openAttendingDb(`sign-out-${randomUUID()}`);
    const me = {
      user: { id: 'u1', name: 'Dr. Ada Okafor', role: 'expert' as const },
      team: { id: 't1', name: 'Team' },
    };
    await setSetting(db, 'auth', {
      serverUrl: 'http://127.0.0.1:1',
      token: 'att_secret',
      state: { status: 'signed-in', serverUrl: 'http://127.0.0.1:1', me },
    });
    await setSetting(db, 'tasks', { fetchedAt: 1, lines: [], projects: [] });
    await setSetting(db, 'assigned', []);
    await setSetting(db, 'guidelinesShown', ['p1']);
    await db.put('drafts', { key: 'k', state: { rewrite: 'half-written critique' }, savedAt: 1 });
    const queued = sampleSubmission();
    await enqueue(db, { submission: queued }, accountOf(me.user), 1);
    const panel = await createSession({
      tabId: 5,
      focus: { kind: 'prompt', instructions: 'Write', requirements: [] },
      draftKey: 'k',
    });

    const handlers = await createHandlers(db);
    await handlers['auth.signOut']({ type: 'auth.signOut' }, { kind: 'popup', sender: {} });

    expect(await db.getAllKeys('settings')).toEqual([]);
    expect(await db.getAll('drafts')).toEqual([]);
    await expect(claimSession(panel, { tab: { id: 5 }, frameId: 1 })).rejects.toThrow(/expired/);
    const [kept] = await pendingItems(db);
    expect(kept?.submission).toEqual(queued);
    expect(kept?.account.name).toBe('Dr. Ada Okafor');
    db.close();
  });
});
