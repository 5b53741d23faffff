/**
 * A review panel's session is its only key to what it reviews: honoured in
 * the tab it was opened for (a standalone one only in a tab of its own), and
 * only by the first frame that claims it. A page that got hold of the address
 * of an open panel and framed it would be refused here (Chrome already refuses
 * to load the panel in a frame the page made: see test/e2e/hostile.spec.ts).
 */

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { z } from 'zod';
import { awaitSession, claimSession, createSession, endSessionsOfTab } from '../../entrypoints/background/sessions';
import type { PanelFocus } from '../../utils/messages/background';
import { randomUuid } from '../../utils/random-uuid';

const PANEL = 'chrome-extension://attending/panel.html';
const focus: PanelFocus = { kind: 'prompt', instructions: 'Write a prompt', requirements: [] };

beforeEach(() => fakeBrowser.reset());

describe('panel sessions', () => {
  it('are honoured by the first frame of their tab that claims them, again and again', async () => {
    const id = await createSession({ tabId: 5, focus, draftKey: 'd' });
    const frame = { url: PANEL, tab: { id: 5 }, frameId: 3 };
    await expect(claimSession(id, frame)).resolves.toMatchObject({ tabId: 5 });
    await expect(claimSession(id, frame)).resolves.toMatchObject({ tabId: 5 });
  });

  it('refuse another frame of the same tab, and any frame of another tab', async () => {
    const id = await createSession({ tabId: 5, focus, draftKey: 'd' });
    await claimSession(id, { url: PANEL, tab: { id: 5 }, frameId: 3 });
    await expect(claimSession(id, { url: PANEL, tab: { id: 5 }, frameId: 4 })).rejects.toThrow(
      'This review panel is open elsewhere',
    );
    await expect(claimSession(id, { url: PANEL, tab: { id: 6 }, frameId: 3 })).rejects.toThrow(
      'This review panel has expired; open it again',
    );
  });

  it('refuse an unknown id, a sender without a tab, and a frame claiming a standalone session', async () => {
    const standalone = await createSession({ tabId: 'standalone', focus, draftKey: 'd' });
    await expect(claimSession(crypto.randomUUID(), { url: PANEL, tab: { id: 5 }, frameId: 0 })).rejects.toThrow(
      /expired/,
    );
    await expect(claimSession(standalone, { url: PANEL })).rejects.toThrow(/expired/);
    await expect(claimSession(standalone, { url: PANEL, tab: { id: 9 }, frameId: 2 })).rejects.toThrow(/expired/);
    await expect(claimSession(standalone, { url: PANEL, tab: { id: 9 }, frameId: 0 })).resolves.toBeDefined();
  });

  it('end with their tab, and a new panel in a tab ends the earlier one', async () => {
    const first = await createSession({ tabId: 5, focus, draftKey: 'd' });
    const second = await createSession({ tabId: 5, focus, draftKey: 'd' });
    const frame = { url: PANEL, tab: { id: 5 }, frameId: 1 };
    await expect(claimSession(first, frame)).rejects.toThrow(/expired/);
    await endSessionsOfTab(5);
    await expect(claimSession(second, frame)).rejects.toThrow(/expired/);
  });

  it('named by a content script: claimed while still being stored, and an id in use is refused', async () => {
    const id = randomUuid();
    const frame = { url: PANEL, tab: { id: 5 }, frameId: 2 };
    const storing = createSession({ tabId: 5, focus, draftKey: 'd' }, id);
    // The panel's request arrives before the storing ends: it waits, and gets the session.
    await expect(claimSession(id, frame)).resolves.toMatchObject({ tabId: 5, draftKey: 'd' });
    await expect(storing).resolves.toBe(id);
    await expect(createSession({ tabId: 5, focus, draftKey: 'other' }, id)).rejects.toThrow(/open elsewhere/);
    await expect(claimSession(id, frame)).resolves.toMatchObject({ draftKey: 'd' });
  });
});

describe('a framed panel asking for its session', () => {
  afterEach(() => vi.useRealTimers());

  it('before its content script has sent it: gets it once it comes', async () => {
    const id = randomUuid();
    const frame = { url: PANEL, tab: { id: 5 }, frameId: 2 };
    const asked = awaitSession(id, frame);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await createSession({ tabId: 5, focus, draftKey: 'd' }, id);
    await expect(asked).resolves.toMatchObject({ tabId: 5, draftKey: 'd' });
  });

  it('for a session that never comes: is told it expired, after a wait', async () => {
    vi.useFakeTimers();
    const asked = awaitSession(randomUuid(), { url: PANEL, tab: { id: 5 }, frameId: 2 });
    const settled = vi.fn();
    asked.then(settled, settled);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(asked).rejects.toThrow(/expired/);
  });

  it('as a tab of its own, for an unknown session: is told at once', async () => {
    await expect(awaitSession(randomUuid(), { url: PANEL, tab: { id: 5 }, frameId: 0 })).rejects.toThrow(/expired/);
  });
});

describe('randomUuid', () => {
  it('makes version 4 UUIDs, each new', () => {
    const ids = Array.from({ length: 1000 }, randomUuid);
    for (const id of ids) expect(z.uuid({ version: 'v4' }).parse(id)).toBe(id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
