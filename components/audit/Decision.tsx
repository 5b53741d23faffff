/**
 * A lead's decision on one submission: accept, fix & accept (opens the review
 * panel on a copy of the expert's review), reject, or return to the expert
 * with a comment. Decisions are queued in the worker's durable outbox.
 */
import { useId, useState } from 'react';
import { sendToBackground } from '@/utils/messages/send';
import type { StoredSubmission } from '@/utils/schema/api';

type Decided = 'accept' | 'reject' | 'return';

const DONE: Record<Decided, string> = {
  accept: 'Accepted',
  reject: 'Rejected',
  return: 'Returned to the expert',
};

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
        throw new Error(action === 'reject' ? 'Say why you reject it' : 'Tell the expert what to change');
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
        {DONE[done]} · queued for sending
      </p>
    );
  }
  return (
    <div className="decision">
      <label htmlFor={id}>Your comment to {who} (required to reject or return)</label>
      <textarea id={id} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      <fieldset className="row">
        <legend className="sr-only">Decide on {who}'s review</legend>
        <button type="button" className="primary" disabled={busy} onClick={() => void decide('accept')}>
          Accept
        </button>
        <button type="button" disabled={busy} onClick={() => void fix()}>
          Fix &amp; accept…
        </button>
        <button type="button" disabled={busy} onClick={() => void decide('reject')}>
          Reject
        </button>
        <button type="button" disabled={busy} onClick={() => void decide('return')}>
          Return to {who}
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
