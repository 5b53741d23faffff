/**
 * The worker holds back a conversation that may identify a patient: a
 * one-click approval of it is not queued, and a review from the panel is
 * queued only with what was found redacted or confirmed as not real.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../entrypoints/background/handlers';
import { createSession } from '../../entrypoints/background/sessions';
import { anchorOf } from '../../utils/adapters/capture';
import { pendingItems } from '../../utils/outbox/store';
import { findCapturePhi } from '../../utils/review/capture-privacy';
import type { Capture } from '../../utils/schema/capture';
import { openAttendingDb, setSetting } from '../../utils/storage/db';

const texts = [
  { role: 'user' as const, text: 'Patient John Smith, MRN: 88231907, has a potassium of 6.1. What now?' },
  { role: 'assistant' as const, text: 'Repeat the potassium and get an ECG now.' },
];
const capture: Capture = {
  site: 'generic',
  url: 'https://chat.example.test/c/1',
  title: 'Hyperkalaemia',
  capturedAt: '2026-11-25T10:00:00.000Z',
  turns: texts.map((t, i) => ({ ...t, anchor: anchorOf(texts, i) })),
};
const review = { kind: 'approve' as const, turn: 1, comment: '', activeMs: 5 };

async function signedIn() {
  const db = await openAttendingDb(`guard-${randomUUID()}`);
  const me = { user: { id: 'u1', name: 'Dr. Ada Okafor', role: 'expert' as const }, team: { id: 't1', name: 'T' } };
  // No server: delivery fails quietly and the queue keeps what was queued.
  await setSetting(db, 'auth', {
    serverUrl: 'http://127.0.0.1:1',
    token: 'att_x',
    state: { status: 'signed-in', serverUrl: 'http://127.0.0.1:1', me },
  });
  return { db, handlers: await createHandlers(db) };
}

beforeEach(() => {
  fakeBrowser.reset();
  for (const method of ['setBadgeText', 'setBadgeBackgroundColor', 'setTitle'] as const) {
    vi.spyOn(fakeBrowser.action, method).mockResolvedValue(undefined);
  }
  vi.spyOn(fakeBrowser.alarms, 'create').mockResolvedValue(undefined);
  vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('offline'));
});

describe('the PHI guard in the worker', () => {
  it('holds a one-click approval of a conversation that may identify a patient', async () => {
    const { db, handlers } = await signedIn();
    const popup = { kind: 'popup' as const, sender: {} };
    expect(await handlers['review.approve']({ type: 'review.approve', capture, turn: 1 }, popup)).toEqual({
      status: 'held',
      findings: 2,
    });
    expect(await pendingItems(db)).toEqual([]);
  });

  it('queues a review from the panel only with the findings redacted or confirmed', async () => {
    const { db, handlers } = await signedIn();
    const panel = {
      kind: 'panel' as const,
      sender: { url: 'chrome-extension://x/panel.html', tab: { id: 4 }, frameId: 2 },
    };
    const open = () =>
      createSession({ tabId: 4, capture, focus: { kind: 'response', turn: 1, start: 'review' }, draftKey: 'k' });
    const submit = async (extra: object) =>
      handlers['panel.submit']({ type: 'panel.submit', sessionId: await open(), review, ...extra }, panel);

    await expect(submit({ review })).rejects.toThrow(/may identify a patient/);
    const spans = findCapturePhi(capture).map(({ where, start, end }) => ({ ...where, start, end }));
    await expect(submit({ review, redactions: spans.slice(0, 1) })).rejects.toThrow(/may identify a patient/);
    await submit({ review, redactions: spans });
    await submit({ review: { ...review, phiConfirmed: true } });

    const [redacted, confirmed] = (await pendingItems(db)).map((i) => i.submission?.capture);
    expect(redacted?.turns[0]?.text).toBe('Patient [redacted], MRN: [redacted], has a potassium of 6.1. What now?');
    expect(JSON.stringify(redacted)).not.toMatch(/Smith|88231907/);
    expect(confirmed).toEqual(capture);
  });
});
