/**
 * The panel in audit mode, over a page a lead opened: the response, the
 * team's reviews of it (matched by message id, else by its text), their
 * agreement, and a decision on each.
 */

import { useEffect, useState } from 'react';
import { i18n } from '#i18n';
import { ResponseAudit } from '@/components/audit/ResponseAudit';
import { Markdown } from '@/components/Markdown';
import type { PanelSession } from '@/utils/messages/background';
import { sendToBackground } from '@/utils/messages/send';
import type { StoredSubmission } from '@/utils/schema/api';
import { PromptOf } from './Context';

export function AuditPanel({ session, turn }: { session: PanelSession; turn: number }) {
  const [reviews, setReviews] = useState<StoredSubmission[]>();
  const [error, setError] = useState<string>();
  const { capture } = session;
  const response = capture?.turns[turn];

  useEffect(() => {
    if (!capture) return;
    const turns = capture.turns.map((t) => ({ ...(t.messageId ? { messageId: t.messageId } : {}), text: t.text }));
    sendToBackground({ type: 'audit.matching', url: capture.url, turns }).then(
      ({ reviews: all, byTurn }) => setReviews((byTurn[turn] ?? []).flatMap((i) => (all[i] ? [all[i]] : []))),
      (e: Error) => setError(e.message),
    );
  }, [capture, turn]);

  // "Fix & accept" moves this frame to the review form, filled in with the expert's review.
  const onFix = (sessionId: string) => {
    location.hash = sessionId;
    location.reload();
  };

  return (
    <>
      {capture && <PromptOf capture={capture} turn={turn} />}
      {response && (
        <details className="card">
          <summary>
            {response.model
              ? i18n.t('panel.audit.responseModel', { model: response.model })
              : i18n.t('panel.audit.response')}
          </summary>
          <Markdown text={response.text} label={i18n.t('panel.audit.responseLabel')} />
        </details>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!reviews && !error && <p className="muted">{i18n.t('panel.audit.loading')}</p>}
      {reviews?.length === 0 && <p className="muted">{i18n.t('panel.audit.none')}</p>}
      {reviews && reviews.length > 0 && <ResponseAudit reviews={reviews} onFix={onFix} />}
    </>
  );
}
