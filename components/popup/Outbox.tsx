import { useState } from 'react';
import { browser } from 'wxt/browser';
import { sendToBackground } from '@/utils/messages/send';
import type { OutboxSummary } from '@/utils/outbox/item';

const STATE_LABEL = { pending: 'waiting', failed: 'refused', sent: 'sent' } as const;

export function Outbox({ outbox }: { outbox: OutboxSummary }) {
  const { counts, lines } = outbox;
  const [retrying, setRetrying] = useState(false);
  const retry = async () => {
    setRetrying(true);
    try {
      await sendToBackground({ type: 'outbox.retry' });
    } finally {
      setRetrying(false);
    }
  };
  /** The last resort: the whole queue as a JSONL file the user keeps or sends to their lead. */
  const exportQueue = async () => {
    const { jsonl } = await sendToBackground({ type: 'outbox.export' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([jsonl], { type: 'application/x-ndjson' }));
    link.download = `attending-queue-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}.jsonl`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  return (
    <section aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">Your reviews</h2>
      <div className="row" id="queue-state">
        <span>{counts.pending} waiting</span>·
        <span className={counts.failed ? 'error' : ''}>{counts.failed} refused</span>·<span>{counts.sent} sent</span>
        <span className="spacer" />
        {counts.pending + counts.failed > 0 && (
          <>
            <button type="button" onClick={retry} disabled={retrying}>
              Retry now
            </button>
            <button type="button" onClick={exportQueue}>
              Export
            </button>
          </>
        )}
      </div>
      {outbox.warning && (
        <p className="error" role="alert">
          {outbox.warning}
        </p>
      )}
      {lines.length === 0 && <p className="muted">Reviews you make are queued here until the server has them.</p>}
      <ul className="plain" aria-label="Queued reviews">
        {lines.map((line) => (
          <li key={line.id} data-state={line.state}>
            <div className="row">
              <span className={`pill ${line.state}`}>{STATE_LABEL[line.state]}</span>
              <strong>{line.kind}</strong>
              <span className="muted">{line.title}</span>
              <span className="spacer" />
              {line.kind === 'approve' && !line.owner && (
                <button
                  type="button"
                  aria-label={`Add detail to this approval of ${line.title}`}
                  onClick={async () => {
                    await sendToBackground({ type: 'outbox.detail', id: line.id });
                    if (!(await browser.tabs.getCurrent())) window.close();
                  }}
                >
                  Add detail
                </button>
              )}
            </div>
            <div className="muted text">{line.preview}</div>
            {line.owner && <p className="muted">Waiting for {line.owner} to sign in: it is their review.</p>}
            {line.lastError && (
              <p className={line.state === 'failed' ? 'error' : 'muted'}>
                {line.state === 'failed' ? 'Refused by the server: ' : `Attempt ${line.attempts} failed: `}
                {line.lastError}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
