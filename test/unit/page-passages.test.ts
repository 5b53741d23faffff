import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pagePassages } from '../../entrypoints/background/passages';
import { accountOf } from '../../utils/outbox/item';
import { enqueue } from '../../utils/outbox/store';
import { draftKey } from '../../utils/review/draft-key';
import type { PassageComment } from '../../utils/schema/passage';
import { openAttendingDb, setSetting } from '../../utils/storage/db';
import { sampleCapture, sampleSubmission } from './support/samples';

const me = { user: { id: 'u1', name: 'Dr. Ada Okafor', role: 'expert' as const }, team: { id: 't1', name: 'Team' } };
const other = { id: 'u2', name: 'Dr. Priya Raman', role: 'expert' as const };

function passage(turn: number, exact: string, comment: string): PassageComment {
  return { turn, quote: { exact, prefix: '', suffix: '' }, category: 'factual_error', comment };
}

describe("the reviewer's passage comments on a page", () => {
  it('come from unsent drafts and queued reviews of this page and account, without what was written', async () => {
    const db = await openAttendingDb(`passages-${randomUUID()}`);
    await setSetting(db, 'auth', {
      serverUrl: 'http://127.0.0.1:1',
      token: 'att_x',
      state: { status: 'signed-in', serverUrl: 'http://127.0.0.1:1', me },
    });
    const capture = sampleCapture();
    const focus = { kind: 'response' as const, turn: 2, start: 'review' as const };
    await db.put('drafts', {
      key: draftKey(capture, focus, undefined),
      state: { details: { passages: [passage(2, 'wait for cultures', 'Antibiotics first.')] } },
      savedAt: 1,
    });
    // A draft whose state is not what the panel writes gives nothing, and breaks nothing.
    await db.put('drafts', { key: draftKey(capture, { ...focus, turn: 1 }, undefined), state: 42, savedAt: 1 });
    const mine = sampleSubmission({
      kind: 'approve',
      turn: 1,
      comment: '',
      activeMs: 1,
      passages: [passage(1, 'qSOFA is 2', 'Say which criteria.')],
    });
    await enqueue(db, { submission: mine }, accountOf(me.user), 1);
    await enqueue(db, { submission: { ...mine, id: randomUUID() } }, accountOf(other), 2);
    const elsewhere = { ...mine, id: randomUUID(), capture: { ...capture, url: 'https://chat.example.test/c/9' } };
    await enqueue(db, { submission: elsewhere }, accountOf(me.user), 3);

    const found = await pagePassages(db, capture.url);
    expect(found).toEqual([
      { turn: 'm2', quote: { exact: 'wait for cultures', prefix: '', suffix: '' }, category: 'factual_error' },
      { turn: 'm1', quote: { exact: 'qSOFA is 2', prefix: '', suffix: '' }, category: 'factual_error' },
    ]);
    expect(JSON.stringify(found)).not.toMatch(/Antibiotics first|Say which/);
  });
});
