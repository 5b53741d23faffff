/**
 * The PHI guard on the conversation itself: what the page showed may identify
 * a patient. Each finding can be redacted (sent as "[redacted]"); the
 * reviewer can see exactly what will be sent.
 */

import { useState } from 'react';
import { i18n } from '#i18n';
import { phiReasonLabel } from '@/components/labels';
import { type CaptureFinding, type CapturePart, REDACTED } from '@/utils/review/capture-privacy';
import type { Capture } from '@/utils/schema/capture';
import { Excerpt } from './PhiGuard';

export function partLabel(capture: Capture, where: CapturePart): string {
  switch (where.part) {
    case 'title':
      return i18n.t('panel.capture.part.title');
    case 'before':
      return i18n.t('panel.capture.part.before');
    case 'after':
      return i18n.t('panel.capture.part.after');
    case 'text':
      return capture.turns[where.turn]?.role === 'user'
        ? i18n.t('panel.capture.part.prompt', { turn: where.turn + 1 })
        : i18n.t('panel.capture.part.response', { turn: where.turn + 1 });
    case 'reasoning':
      return i18n.t('panel.capture.part.reasoning', { turn: where.turn + 1 });
  }
}

export function CaptureCheck({
  capture,
  findings,
  redacted,
  onToggle,
  sent,
}: {
  capture: Capture;
  findings: CaptureFinding[];
  /** Indexes into `findings` of what is redacted. */
  redacted: ReadonlySet<number>;
  onToggle(indexes: number[], redact: boolean): void;
  /** The capture as it would be sent now (computed only when shown). */
  sent(): Capture;
}) {
  const [showSent, setShowSent] = useState(false);
  const all = findings.map((_, i) => i);
  return (
    <section id="capture" tabIndex={-1} className="card phi" aria-label={i18n.t('panel.capture.label')}>
      <strong>{i18n.t('panel.capture.heading')}</strong>
      <p>{i18n.t('panel.capture.explain', { redacted: REDACTED })}</p>
      <ul>
        {findings.map((f, i) => {
          const isRedacted = redacted.has(i);
          return (
            <li key={`${JSON.stringify(f.where)}:${f.start}`}>
              <span className="muted">
                {partLabel(capture, f.where)}: {phiReasonLabel(f)}
              </span>
              <Excerpt {...f} />
              <button
                type="button"
                aria-pressed={isRedacted}
                aria-label={
                  isRedacted
                    ? i18n.t('panel.capture.redactedText', { text: f.text.slice(f.start, f.end) })
                    : i18n.t('panel.capture.redactText', { text: f.text.slice(f.start, f.end) })
                }
                onClick={() => onToggle([i], !isRedacted)}
              >
                {isRedacted ? i18n.t('panel.capture.redacted') : i18n.t('panel.capture.redact')}
              </button>
            </li>
          );
        })}
      </ul>
      <div className="row">
        <button type="button" onClick={() => onToggle(all, true)} disabled={redacted.size === findings.length}>
          {i18n.t('panel.capture.redactAll')}
        </button>
        <span className="spacer" />
        <button type="button" aria-expanded={showSent} onClick={() => setShowSent((s) => !s)}>
          {showSent ? i18n.t('panel.capture.hideSent') : i18n.t('panel.capture.showSent')}
        </button>
      </div>
      {showSent && <SentCapture capture={sent()} />}
    </section>
  );
}

function SentCapture({ capture }: { capture: Capture }) {
  return (
    <div role="document" aria-label={i18n.t('panel.capture.sent')}>
      <p>
        <strong>{capture.title}</strong> <span className="muted">{capture.url}</span>
      </p>
      {capture.turns.map((turn, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: turns are fixed for the panel's life
        <div key={i} className="card">
          <span className="muted">
            {turn.role === 'user' ? i18n.t('panel.capture.prompt') : i18n.t('panel.capture.response')}
          </span>
          <div className="text">{turn.text}</div>
        </div>
      ))}
    </div>
  );
}
