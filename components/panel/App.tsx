/**
 * The review panel: an extension page, framed over the chat page (or, for a
 * task, a tab of its own). It reads what it reviews from the background by
 * the session id in its URL fragment and sends the review back the same way;
 * it never talks to the host page.
 */

import { lazy, Suspense, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { PanelSession } from '@/utils/messages/background';
import { sendToBackground } from '@/utils/messages/send';
import { isReviewSession } from './draft';
import { ReviewPanel } from './ReviewPanel';

// A lead's audit (agreement, each expert's review) loads only when the panel audits.
const AuditPanel = lazy(() => import('./AuditPanel').then((m) => ({ default: m.AuditPanel })));

const sessionId = location.hash.slice(1);
/** Asked for as this module loads, not after the first render: the worker answers while React starts. */
const opening: Promise<{ session: PanelSession } | { error: string }> = sendToBackground({
  type: 'panel.session',
  sessionId,
}).then(
  (session) => ({ session }),
  (e: Error) => ({ error: e.message }),
);
const CLOSE_AFTER_MS = 1200;
const framed = window.top !== window;

async function close() {
  if (framed) {
    await sendToBackground({ type: 'panel.close', sessionId });
    return;
  }
  const tab = await browser.tabs.getCurrent();
  if (tab?.id !== undefined) await browser.tabs.remove(tab.id);
}

/** Moves the panel to a new session: a tab navigates itself; a framed panel opens the task in a tab and closes. */
async function moveTo(next: string) {
  if (framed) {
    await browser.tabs.create({ url: `${browser.runtime.getURL('/panel.html')}#${next}` });
    await close();
    return;
  }
  location.hash = next;
  location.reload();
}

/** After a task's review: where the queue stands, and the next task one key away. */
function QueuedTask({ session, onNext }: { session: PanelSession; onNext(): void }) {
  const left = session.queue ? session.queue.open - 1 : undefined;
  return (
    <section className="card" aria-label={i18n.t('panel.queued.label')}>
      <p className="ok" role="status">
        {i18n.t('panel.queued.message')}
      </p>
      {left === 0 ? (
        <p>{i18n.t('panel.queued.lastTask')}</p>
      ) : (
        <div className="row">
          {/* biome-ignore lint/a11y/noAutofocus: the one next step, so that Enter takes it */}
          <button className="primary" type="button" autoFocus onClick={onNext}>
            {left === undefined ? i18n.t('panel.queued.next') : i18n.t('panel.queued.nextLeft', left)}
          </button>
          <button type="button" onClick={() => void close()}>
            {i18n.t('panel.close')}
          </button>
        </div>
      )}
    </section>
  );
}

export function App() {
  const [session, setSession] = useState<PanelSession>();
  const [error, setError] = useState<string>();
  const [queued, setQueued] = useState(false);

  const goNext = async () => {
    try {
      const next = await sendToBackground({
        type: 'task.next',
        ...(session?.task ? { after: session.task.id } : {}),
      });
      if (next) await moveTo(next.sessionId);
      else setError(i18n.t('panel.noTaskLeft'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  useEffect(() => {
    void opening.then((opened) => ('session' in opened ? setSession(opened.session) : setError(opened.error)));
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const title = session?.fix
    ? i18n.t('panel.title.fix', { expert: session.fix.expert })
    : session?.focus.kind === 'audit'
      ? i18n.t('panel.title.audit')
      : (session?.task?.title ?? i18n.t('panel.title.review'));
  return (
    <main className={framed ? 'framed' : 'standalone'}>
      <header className="row">
        <h1>{i18n.t('panel.heading', { title })}</h1>
        <span className="spacer" />
        {session?.queue && (
          <span className="muted queue">
            {i18n.t('panel.queue', session.queue.open, { position: session.queue.position })}
          </span>
        )}
        <button type="button" onClick={() => void close()} aria-label={i18n.t('panel.closePanel')}>
          ✕
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {queued && session?.task ? (
        <QueuedTask session={session} onNext={() => void goNext()} />
      ) : queued ? (
        <p className="ok" role="status">
          {i18n.t('panel.queued.message')}
        </p>
      ) : session?.focus.kind === 'audit' ? (
        <Suspense fallback={<p className="muted">{i18n.t('panel.loading')}</p>}>
          <AuditPanel session={session} turn={session.focus.turn} />
        </Suspense>
      ) : session && isReviewSession(session) ? (
        <ReviewPanel
          session={session}
          sessionId={sessionId}
          onQueued={(next) => {
            setQueued(true);
            // A task's panel stays, to go on to the next one; a page's closes over the page.
            if (next) void goNext();
            else if (!session.task) setTimeout(() => void close(), CLOSE_AFTER_MS);
          }}
        />
      ) : (
        !error && <p className="muted">{i18n.t('panel.loading')}</p>
      )}
    </main>
  );
}
