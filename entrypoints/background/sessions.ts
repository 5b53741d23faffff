/**
 * Review-panel sessions. The content script asks for a panel on a capture; the
 * worker keeps the capture here, bound to that tab, and hands out a random
 * session id that only the panel frame it creates receives. The panel reads
 * its capture back by id; a page that frames panel.html itself has no id, and
 * an id is honoured only in its own tab and by the first frame to claim it.
 *
 * `storage.session` lasts as long as the browser session, survives worker
 * restarts, and is not readable by content scripts.
 */
import { browser } from 'wxt/browser';
import type { Sender } from '@/utils/background/router';
import type { PanelFocus } from '@/utils/messages/background';
import type { Capture } from '@/utils/schema/capture';

interface StoredSession {
  tabId: number;
  capture: Capture;
  focus: PanelFocus;
  claimedByFrame?: number;
}

const key = (id: string) => `panel:${id}`;

/** A tab shows one panel at a time: opening one ends the tab's earlier sessions. */
export async function createSession(tabId: number, capture: Capture, focus: PanelFocus): Promise<string> {
  await endSessionsOfTab(tabId);
  const id = crypto.randomUUID();
  const session: StoredSession = { tabId, capture, focus };
  try {
    await browser.storage.session.set({ [key(id)]: session });
  } catch (error) {
    if (/quota/i.test(String(error))) throw new Error('This conversation is too long to open in the review panel');
    throw error;
  }
  return id;
}

export async function claimSession(id: string, sender: Sender): Promise<StoredSession> {
  const session = (await browser.storage.session.get(key(id)))[key(id)] as StoredSession | undefined;
  if (!session || session.tabId !== sender.tab?.id)
    throw new Error('This review panel has expired; open it again from the page');
  if (session.claimedByFrame !== undefined && session.claimedByFrame !== sender.frameId) {
    throw new Error('This review panel is open elsewhere');
  }
  if (session.claimedByFrame === undefined && sender.frameId !== undefined) {
    await browser.storage.session.set({ [key(id)]: { ...session, claimedByFrame: sender.frameId } });
  }
  return session;
}

/** Ends a session; with `tabId`, only if it belongs to that tab. */
export async function endSession(id: string, tabId?: number): Promise<void> {
  if (tabId !== undefined) {
    const session = (await browser.storage.session.get(key(id)))[key(id)] as StoredSession | undefined;
    if (session?.tabId !== tabId) return;
  }
  await browser.storage.session.remove(key(id));
}

export async function endSessionsOfTab(tabId: number): Promise<void> {
  const all = await browser.storage.session.get(null);
  const ids = Object.entries(all)
    .filter(([k, v]) => k.startsWith('panel:') && (v as StoredSession).tabId === tabId)
    .map(([k]) => k);
  if (ids.length) await browser.storage.session.remove(ids);
}
