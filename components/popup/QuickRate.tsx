/**
 * Rates the newest response of the tab the user is on: Approve queues it at
 * once, Improve opens the review panel on the page. With the toolbar click,
 * either is two clicks.
 */

import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { LatestResponse } from '@/utils/messages/content';
import { sendToBackground, sendToTab } from '@/utils/messages/send';

/**
 * The tab to rate: the active one, or, when this popup is itself open in a tab
 * (tests, or the user pinned it), the tab used just before.
 */
async function targetTab(): Promise<number | undefined> {
  const own = await browser.tabs.getCurrent();
  if (!own) return (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  const others = (await browser.tabs.query({ currentWindow: true })).filter((t) => t.id !== own.id);
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0]?.id;
}

const LOOK_AGAIN_MS = 1000;

type View =
  | { kind: 'loading' }
  /** No content script answers in the tab (not a chat site, or a browser page). */
  | { kind: 'unsupported'; tabId?: number }
  | { kind: 'page'; tabId: number; latest: LatestResponse };

function explain(latest: LatestResponse): string {
  const { page } = latest;
  if (page.responses === 0) {
    return page.supported
      ? i18n.t('popup.quickRate.notRecognizedOn', { site: page.site })
      : i18n.t('popup.quickRate.notRecognized');
  }
  if (page.streaming) return i18n.t('popup.quickRate.streaming');
  return i18n.t('popup.quickRate.noneFinished');
}

export function QuickRate() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Asks the page until its newest response has finished, then keeps that one.
    const look = async () => {
      const tabId = await targetTab();
      if (tabId === undefined) return setView({ kind: 'unsupported' });
      try {
        const latest = await sendToTab(tabId, { type: 'page.latest' });
        setView({ kind: 'page', tabId, latest });
        if (latest.status === 'none') timer = setTimeout(look, LOOK_AGAIN_MS);
      } catch {
        setView({ kind: 'unsupported', tabId });
      }
    };
    void look();
    return () => clearTimeout(timer);
  }, []);

  /** Runs `action`; says `done`, or what `action` answers instead. */
  async function act(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      const instead = await action();
      setResult(typeof instead === 'string' ? { ok: false, text: instead } : { ok: true, text: done });
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const reviewSelection = (tabId: number) => (
    <button
      type="button"
      disabled={busy}
      onClick={() =>
        act(async () => {
          await sendToBackground({ type: 'selection.review', tabId });
          if (!(await browser.tabs.getCurrent())) window.close();
        }, i18n.t('popup.quickRate.panelOpen'))
      }
    >
      {i18n.t('popup.quickRate.reviewSelection')}
    </button>
  );

  let body: React.ReactNode;
  if (view.kind === 'loading') body = <p className="muted">{i18n.t('popup.quickRate.looking')}</p>;
  else if (view.kind === 'unsupported') {
    body = (
      <>
        <p className="muted">{i18n.t('popup.quickRate.unsupported')}</p>
        {view.tabId !== undefined && reviewSelection(view.tabId)}
      </>
    );
  } else if (view.latest.status === 'none') {
    body = (
      <>
        <p className="muted">{explain(view.latest)}</p>
        {view.latest.page.responses === 0 && reviewSelection(view.tabId)}
      </>
    );
  } else {
    const { tabId, latest } = view;
    const preview = latest.capture.turns[latest.turn]?.text.slice(0, 160) ?? '';
    const counts = {
      prompts: i18n.t('popup.quickRate.prompts', latest.page.prompts),
      responses: i18n.t('popup.quickRate.responses', latest.page.responses),
    };
    body = (
      <>
        <p className="muted">
          {latest.page.supported
            ? i18n.t('popup.quickRate.summaryOn', { site: latest.page.site, ...counts })
            : i18n.t('popup.quickRate.summaryGeneric', counts)}
        </p>
        <blockquote className="card text">{preview}…</blockquote>
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              act(async () => {
                const reply = await sendToBackground({
                  type: 'review.approve',
                  capture: latest.capture,
                  turn: latest.turn,
                });
                if (reply.status === 'held') return i18n.t('popup.quickRate.held');
              }, i18n.t('popup.quickRate.approved'))
            }
          >
            {i18n.t('popup.quickRate.approve')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              act(async () => {
                await sendToTab(tabId, { type: 'panel.openLatest' });
                if (!(await browser.tabs.getCurrent())) window.close();
              }, i18n.t('popup.quickRate.panelOpen'))
            }
          >
            {i18n.t('popup.quickRate.improve')}
          </button>
        </div>
      </>
    );
  }
  return (
    <section aria-labelledby="quick-heading">
      <h2 id="quick-heading">{i18n.t('popup.quickRate.heading')}</h2>
      {body}
      {result && (
        <p className={result.ok ? 'ok' : 'error'} role="status">
          {result.text}
        </p>
      )}
    </section>
  );
}
