/**
 * A lead's decision on one submission: accept, fix & accept (opens the review
 * panel on a copy of the expert's review), reject, or return to the expert
 * with a comment. Decisions are queued in the worker's durable outbox.
 */
import { useId, useState } from 'react';
import { i18n } from '#i18n';
import { sendToBackground } from '@/utils/messages/send';
import type { StoredSubmission } from '@/utils/schema/api';

type Decided = 'accept' | 'reject' | 'return';

function doneText(decided: Decided): string {
  switch (decided) {
    case 'accept':
      return i18n.t('audit.decision.accepted');
    case 'reject':
      return i18n.t('audit.decision.rejected');
    case 'return':
      return i18n.t('audit.decision.returned');
  }
}

export function Decision({ stored, onFix }: { stored: StoredSubmission; onFix(sessionId: string): void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<Decided>();
  const id = useId();
  const who = stored.user.name;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const decide = (action: Decided) =>
    run(async () => {
      if (action !== 'accept' && !comment.trim()) {
        throw new Error(
          action === 'reject' ? i18n.t('audit.decision.whyReject') : i18n.t('audit.decision.whatToChange'),
        );
      }
      await sendToBackground({
        type: 'audit.decide',
        submissionId: stored.submission.id,
        action,
        comment: comment.trim(),
      });
      setDone(action);
    });
  const fix = () =>
    run(async () => {
      const { sessionId } = await sendToBackground({ type: 'audit.fix', stored });
      onFix(sessionId);
    });

  if (done) {
    return (
      <p className="ok" role="status">
        {doneText(done)}
      </p>
    );
  }
  return (
    <div className="decision">
      <label htmlFor={id}>{i18n.t('audit.decision.comment', { name: who })}</label>
      <textarea id={id} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      <fieldset className="row">
        <legend className="sr-only">{i18n.t('audit.decision.legend', { name: who })}</legend>
        <button type="button" className="primary" disabled={busy} onClick={() => void decide('accept')}>
          {i18n.t('audit.decision.accept')}
        </button>
        <button type="button" disabled={busy} onClick={() => void fix()}>
          {i18n.t('audit.decision.fix')}
        </button>
        <button type="button" disabled={busy} onClick={() => void decide('reject')}>
          {i18n.t('audit.decision.reject')}
        </button>
        <button type="button" disabled={busy} onClick={() => void decide('return')}>
          {i18n.t('audit.decision.return', { name: who })}
        </button>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
