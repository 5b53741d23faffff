/**
 * Review-panel sessions. The content script asks for a panel on a capture (or
 * the popup on a task); the worker keeps what is reviewed here under a random
 * session id that only the panel it is for, and the content script that framed
 * it, know. The panel reads its capture back by id. A page that frames
 * panel.html itself has no id; a page's session is honoured only in its own
 * tab, and a standalone one (a task, detail added to a quick rating) only by a
 * panel that is a tab of its own; either only by the first frame to claim it.
 *
 * A page's panel is named by the content script, which frames the panel with
 * the id at once and then reads the page and sends the capture: the panel
 * loads while this happens, and its first request waits for the session to be
 * stored (see `awaitSession`). An id already in use is refused, so naming one
 * gains a content script nothing it could not have by asking.
 *
 * `storage.session` lasts as long as the browser session, survives worker
 * restarts, and is not readable by content scripts.
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { Sender } from '@/utils/background/router';
import type { PanelFocus, PanelSession } from '@/utils/messages/background';

export interface StoredSession {
  /** The tab of the page the panel is framed in, or "standalone": the panel is a tab of its own. */
  tabId: number | 'standalone';
  capture?: PanelSession['capture'];
  focus: PanelFocus;
  task?: PanelSession['task'];
  /** A lead's correction of an expert's review: submitting sends a "fix" audit. */
  fix?: PanelSession['fix'];
  guidelines?: PanelSession['guidelines'];
  assessment?: PanelSession['assessment'];
  /** The quick rating (submission id) this panel adds detail to. */
  supersedes?: string;
  /** Where the panel's draft is kept: the same response (or task) reopened finds it. */
  draftKey: string;
  claimedBy?: { tabId: number; frameId: number };
}

const key = (id: string) => `panel:${id}`;

async function read(id: string): Promise<StoredSession | undefined> {
  return (await browser.storage.session.get(key(id)))[key(id)] as StoredSession | undefined;
}

/** Sessions being stored, by id. */
const storing = new Map<string, Promise<void>>();
/** Framed panels that asked for a session before their content script had sent it: woken when it comes. */
const waiting = new Map<string, () => void>();
/** How long a framed panel waits for its content script's request (a long page takes a while to read). */
const WAIT_MS = 10_000;

/**
 * Stores a session under `id` (a new random one if none is given) and returns
 * the id. A tab shows one panel at a time: opening one on a page ends that
 * tab's earlier sessions.
 */
export async function createSession(session: StoredSession, id: string = crypto.randomUUID()): Promise<string> {
  if (storing.has(id)) throw new Error(i18n.t('worker.panelElsewhere'));
  const stored = store(id, session);
  storing.set(id, stored);
  waiting.get(id)?.();
  try {
    await stored;
  } finally {
    storing.delete(id);
  }
  return id;
}

async function store(id: string, session: StoredSession): Promise<void> {
  if (await read(id)) throw new Error(i18n.t('worker.panelElsewhere'));
  if (typeof session.tabId === 'number') await endSessionsOfTab(session.tabId);
  try {
    await browser.storage.session.set({ [key(id)]: session });
  } catch (error) {
    if (/quota/i.test(String(error))) throw new Error(i18n.t('worker.tooLong'));
    throw error;
  }
}

/**
 * A panel's first request: its session once stored. A framed panel may ask
 * before its content script's request has come (the content script frames it
 * first, then reads the page): it waits for that request, up to WAIT_MS.
 * A tab asks for a session that was stored before it opened, and is answered
 * at once.
 */
export async function awaitSession(id: string, sender: Sender): Promise<StoredSession> {
  const framed = (sender.frameId ?? 0) !== 0;
  if (framed && !storing.has(id) && !(await read(id)) && !waiting.has(id)) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(wake, WAIT_MS);
      function wake() {
        clearTimeout(timer);
        waiting.delete(id);
        resolve();
      }
      waiting.set(id, wake);
    });
  }
  return claimSession(id, sender);
}

export async function claimSession(id: string, sender: Sender): Promise<StoredSession> {
  // Not stored after all (too long, say): the frame that asked is closed by its content script.
  await storing.get(id)?.catch(() => {});
  const session = await read(id);
  const tabId = sender.tab?.id;
  const frameId = sender.frameId ?? 0;
  const place = session?.tabId === 'standalone' ? frameId === 0 : session?.tabId === tabId;
  if (!session || tabId === undefined || !place) throw new Error(i18n.t('worker.panelExpired'));
  const { claimedBy } = session;
  if (claimedBy && (claimedBy.tabId !== tabId || claimedBy.frameId !== frameId)) {
    throw new Error(i18n.t('worker.panelElsewhere'));
  }
  if (!claimedBy) await browser.storage.session.set({ [key(id)]: { ...session, claimedBy: { tabId, frameId } } });
  return session;
}

/** Ends a session; with `tabId`, only if that tab holds it. */
export async function endSession(id: string, tabId?: number): Promise<void> {
  if (tabId !== undefined) {
    const session = await read(id);
    if (session?.tabId !== tabId && session?.claimedBy?.tabId !== tabId) return;
  }
  await browser.storage.session.remove(key(id));
}

async function endSessionsWhere(ends: (session: StoredSession) => boolean): Promise<void> {
  const all = await browser.storage.session.get(null);
  const ids = Object.entries(all)
    .filter(([k, v]) => k.startsWith('panel:') && ends(v as StoredSession))
    .map(([k]) => k);
  if (ids.length) await browser.storage.session.remove(ids);
}

export function endSessionsOfTab(tabId: number): Promise<void> {
  return endSessionsWhere((session) => session.tabId === tabId || session.claimedBy?.tabId === tabId);
}

/** On sign-out: no open panel keeps what it was reviewing. */
export function endAllSessions(): Promise<void> {
  return endSessionsWhere(() => true);
}
