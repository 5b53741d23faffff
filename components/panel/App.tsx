/**
 * The review panel: an extension page, framed over the chat page (or, for a
 * task, a tab of its own). It reads what it reviews from the background by
 * the session id in its URL fragment and sends the review back the same way;
 * it never talks to the host page.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { PanelSession } from '@/utils/messages/background';
import { sendToBackground } from '@/utils/messages/send';
import { AuditPanel } from './AuditPanel';
import { isReviewSession } from './draft';
import { ReviewPanel } from './ReviewPanel';

const sessionId = location.hash.slice(1);
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

export function App() {
  const [session, setSession] = useState<PanelSession>();
  const [error, setError] = useState<string>();
  const [queued, setQueued] = useState(false);

  useEffect(() => {
    sendToBackground({ type: 'panel.session', sessionId }).then(setSession, (e: Error) => setError(e.message));
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const title = session?.fix
    ? `Fix ${session.fix.expert}’s review`
    : session?.focus.kind === 'audit'
      ? 'Audit'
      : (session?.task?.title ?? 'Review');
  return (
    <main className={framed ? 'framed' : 'standalone'}>
      <header className="row">
        <h1>Attending · {title}</h1>
        <span className="spacer" />
        <button type="button" onClick={() => void close()} aria-label="Close the review panel">
          ✕
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {queued ? (
        <p className="ok" role="status">
          Queued ✓ Your review is saved and will be sent to the server.
        </p>
      ) : session?.focus.kind === 'audit' ? (
        <AuditPanel session={session} turn={session.focus.turn} />
      ) : session && isReviewSession(session) ? (
        <ReviewPanel
          session={session}
          sessionId={sessionId}
          onQueued={() => {
            setQueued(true);
            setTimeout(() => void close(), CLOSE_AFTER_MS);
          }}
        />
      ) : (
        !error && <p className="muted">Loading…</p>
      )}
    </main>
  );
}
