import { useState } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { sendToBackground } from '@/utils/messages/send';
import type { OutboxLine, OutboxState, OutboxSummary } from '@/utils/outbox/item';

function stateLabel(state: OutboxState): string {
  switch (state) {
    case 'pending':
      return i18n.t('popup.outbox.state.pending');
    case 'failed':
      return i18n.t('popup.outbox.state.failed');
    case 'sent':
      return i18n.t('popup.outbox.state.sent');
  }
}

/** A line's kind (a review's kind, or `audit: ` and the lead's decision) in words; an unknown one as it is. */
function kindLabel(kind: string): string {
  switch (kind) {
    case 'approve':
      return i18n.t('popup.outbox.kind.approve');
    case 'improve':
      return i18n.t('popup.outbox.kind.improve');
    case 'rank':
      return i18n.t('popup.outbox.kind.rank');
    case 'pairwise':
      return i18n.t('popup.outbox.kind.pairwise');
    case 'steps':
      return i18n.t('popup.outbox.kind.steps');
    case 'rubric':
      return i18n.t('popup.outbox.kind.rubric');
    case 'prompt':
      return i18n.t('popup.outbox.kind.prompt');
    case 'audit: accept':
      return i18n.t('popup.outbox.kind.auditAccept');
    case 'audit: fix':
      return i18n.t('popup.outbox.kind.auditFix');
    case 'audit: reject':
      return i18n.t('popup.outbox.kind.auditReject');
    case 'audit: return':
      return i18n.t('popup.outbox.kind.auditReturn');
    default:
      return kind;
  }
}

/** An approval of the user's own can be given detail (improved) in the review panel. */
const detailable = (line: OutboxLine) => line.kind === 'approve' && !line.owner;

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
      <h2 id="outbox-heading">{i18n.t('popup.outbox.heading')}</h2>
      <div className="row" id="queue-state">
        <span>{i18n.t('popup.outbox.waiting', counts.pending)}</span>·
        <span className={counts.failed ? 'error' : ''}>{i18n.t('popup.outbox.refused', counts.failed)}</span>·
        <span>{i18n.t('popup.outbox.sent', counts.sent)}</span>
        <span className="spacer" />
        {counts.pending + counts.failed > 0 && (
          <>
            <button type="button" onClick={retry} disabled={retrying}>
              {i18n.t('popup.outbox.retry')}
            </button>
            <button type="button" onClick={exportQueue}>
              {i18n.t('popup.outbox.export')}
            </button>
          </>
        )}
      </div>
      {outbox.warning && (
        <p className="error" role="alert">
          {outbox.warning}
        </p>
      )}
      {lines.length === 0 && <p className="muted">{i18n.t('popup.outbox.empty')}</p>}
      <ul className="plain" aria-label={i18n.t('popup.outbox.list')}>
        {lines.map((line) => (
          <li key={line.id} data-state={line.state}>
            <div className="row">
              <span className={`pill ${line.state}`}>{stateLabel(line.state)}</span>
              <strong>{kindLabel(line.kind)}</strong>
              <span className="muted">{line.title}</span>
              <span className="spacer" />
              {detailable(line) && (
                <button
                  type="button"
                  aria-label={i18n.t('popup.outbox.addDetailTo', { title: line.title })}
                  onClick={async () => {
                    await sendToBackground({ type: 'outbox.detail', id: line.id });
                    if (!(await browser.tabs.getCurrent())) window.close();
                  }}
                >
                  {i18n.t('popup.outbox.addDetail')}
                </button>
              )}
            </div>
            <div className="muted text">{line.preview}</div>
            {line.owner && <p className="muted">{i18n.t('popup.outbox.owner', { owner: line.owner })}</p>}
            {line.lastError && (
              <>
                <p className={line.state === 'failed' ? 'error' : 'muted'}>
                  {line.state === 'failed'
                    ? i18n.t('popup.outbox.refusedBy', { error: line.lastError })
                    : i18n.t('popup.outbox.attemptFailed', { attempt: line.attempts, error: line.lastError })}
                </p>
                <p className="muted">
                  {line.state === 'failed' ? i18n.t('popup.outbox.refusedHelp') : i18n.t('popup.outbox.retryHelp')}
                </p>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
