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
    <section className="card" aria-label="Review queued">
      <p className="ok" role="status">
        Queued ✓ Your review is saved and will be sent to the server.
      </p>
      {left === 0 ? (
        <p>That was your last open task. Well done.</p>
      ) : (
        <div className="row">
          {/* biome-ignore lint/a11y/noAutofocus: the one next step, so that Enter takes it */}
          <button className="primary" type="button" autoFocus onClick={onNext}>
            Open the next task{left === undefined ? '' : ` (${left} left)`}
          </button>
          <button type="button" onClick={() => void close()}>
            Close
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
      else setError('No open task is left in your list.');
    } catch (e) {
      setError((e as Error).message);
    }
  };

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
        {session?.queue && (
          <span className="muted queue">
            Task {session.queue.position} of {session.queue.open} open
          </span>
        )}
        <button type="button" onClick={() => void close()} aria-label="Close the review panel">
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
          Queued ✓ Your review is saved and will be sent to the server.
        </p>
      ) : session?.focus.kind === 'audit' ? (
        <AuditPanel session={session} turn={session.focus.turn} />
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
        !error && <p className="muted">Loading…</p>
      )}
    </main>
  );
}
