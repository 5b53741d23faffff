/**
 * The PHI guard on the conversation itself: what the page showed may identify
 * a patient. Each finding can be redacted (sent as "[redacted]"); the
 * reviewer can see exactly what will be sent.
 */
import { useState } from 'react';
import { type CaptureFinding, type CapturePart, REDACTED } from '@/utils/review/capture-privacy';
import type { Capture } from '@/utils/schema/capture';
import { Excerpt } from './PhiGuard';

export function partLabel(capture: Capture, where: CapturePart): string {
  switch (where.part) {
    case 'title':
      return 'Page title';
    case 'before':
      return 'Page text before the conversation';
    case 'after':
      return 'Page text after the conversation';
    case 'text':
      return `${capture.turns[where.turn]?.role === 'user' ? 'Prompt' : 'Response'} (turn ${where.turn + 1})`;
    case 'reasoning':
      return `Reasoning of the response (turn ${where.turn + 1})`;
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
    <section id="capture" tabIndex={-1} className="card phi" aria-label="Patient data in the conversation">
      <strong>The conversation may identify a patient.</strong>
      <p>
        Redact what must not leave this computer: it is sent as “{REDACTED}”. Everything else is sent as the page showed
        it.
      </p>
      <ul>
        {findings.map((f, i) => {
          const isRedacted = redacted.has(i);
          return (
            <li key={`${JSON.stringify(f.where)}:${f.start}`}>
              <span className="muted">
                {partLabel(capture, f.where)}: {f.reason}
              </span>
              <Excerpt {...f} />
              <button
                type="button"
                aria-pressed={isRedacted}
                aria-label={`${isRedacted ? 'Redacted' : 'Redact'}: ${f.text.slice(f.start, f.end)}`}
                onClick={() => onToggle([i], !isRedacted)}
              >
                {isRedacted ? 'Redacted ✓' : 'Redact'}
              </button>
            </li>
          );
        })}
      </ul>
      <div className="row">
        <button type="button" onClick={() => onToggle(all, true)} disabled={redacted.size === findings.length}>
          Redact all
        </button>
        <span className="spacer" />
        <button type="button" aria-expanded={showSent} onClick={() => setShowSent((s) => !s)}>
          {showSent ? 'Hide what will be sent' : 'Show what will be sent'}
        </button>
      </div>
      {showSent && <SentCapture capture={sent()} />}
    </section>
  );
}

function SentCapture({ capture }: { capture: Capture }) {
  return (
    <div role="document" aria-label="What will be sent">
      <p>
        <strong>{capture.title}</strong> <span className="muted">{capture.url}</span>
      </p>
      {capture.turns.map((turn, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: turns are fixed for the panel's life
        <div key={i} className="card">
          <span className="muted">{turn.role === 'user' ? 'Prompt' : 'Response'}</span>
          <div className="text">{turn.text}</div>
        </div>
      ))}
    </div>
  );
}
