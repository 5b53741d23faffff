/**
 * The review panel: an extension page framed over the chat page. It reads its
 * capture from the background by the session id in its URL fragment and sends
 * the finished review back the same way; it never talks to the host page.
 */
import { useEffect, useState } from 'react';
import type { PanelSession } from '@/utils/messages/background';
import { sendToBackground } from '@/utils/messages/send';
import { ImproveForm } from './ImproveForm';
import { RankForm } from './RankForm';
import type { SubmitReview } from './types';

const sessionId = location.hash.slice(1);
const CLOSE_AFTER_MS = 1200;

function close() {
  void sendToBackground({ type: 'panel.close', sessionId });
}

export function App() {
  const [session, setSession] = useState<PanelSession>();
  const [error, setError] = useState<string>();
  const [queued, setQueued] = useState(false);

  useEffect(() => {
    sendToBackground({ type: 'panel.session', sessionId }).then(setSession, (e: Error) => setError(e.message));
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const submit: SubmitReview = async (review, taskId) => {
    await sendToBackground({ type: 'panel.submit', sessionId, review, ...(taskId ? { taskId } : {}) });
    setQueued(true);
    setTimeout(close, CLOSE_AFTER_MS);
  };

  const title = session?.focus.kind === 'rank' ? 'Rank responses' : 'Improve the response';
  return (
    <main>
      <header className="row">
        <h1>Attending · {title}</h1>
        <span className="spacer" />
        <button type="button" onClick={close} aria-label="Close the review panel">
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
      ) : session?.focus.kind === 'improve' ? (
        <ImproveForm capture={session.capture} turn={session.focus.turn} tasks={session.tasks} onSubmit={submit} />
      ) : session?.focus.kind === 'rank' ? (
        <RankForm capture={session.capture} turns={session.focus.turns} tasks={session.tasks} onSubmit={submit} />
      ) : (
        !error && <p className="muted">Loading…</p>
      )}
    </main>
  );
}
