/**
 * What the PHI guard found in the reviewer's own text, and where: each finding
 * with its field and the words around it. The reviewer fixes the text, or
 * confirms that it is not real patient data.
 */
import { i18n } from '#i18n';
import { phiReasonLabel } from '@/components/labels';
import type { PhiFinding } from '@/utils/review/phi';

export interface LocatedFinding extends PhiFinding {
  field: string;
  label: string;
  text: string;
}

/** What was found, marked, with up to 30 characters of its text on each side. */
export function Excerpt({ text, start, end }: { text: string; start: number; end: number }) {
  return (
    <div className="text">
      {start > 30 ? '…' : ''}
      {text.slice(Math.max(0, start - 30), start)}
      <mark>{text.slice(start, end)}</mark>
      {text.slice(end, end + 30)}
      {end + 30 < text.length ? '…' : ''}
    </div>
  );
}

export function PhiGuard({
  findings,
  confirmed,
  onConfirm,
  onFix,
}: {
  findings: LocatedFinding[];
  confirmed: boolean;
  onConfirm(confirmed: boolean): void;
  onFix(field: string): void;
}) {
  return (
    <section className="card phi" role="alert" aria-label={i18n.t('panel.phi.label')}>
      <strong>{i18n.t('panel.phi.heading')}</strong>
      <p>{i18n.t('panel.phi.explain')}</p>
      <ul>
        {findings.map((f) => (
          <li key={`${f.field}:${f.start}`}>
            <span className="muted">
              {f.label}: {phiReasonLabel(f)}
            </span>
            <Excerpt {...f} />
            <button type="button" onClick={() => onFix(f.field)}>
              {i18n.t('panel.phi.fixIn', { field: f.label.toLowerCase() })}
            </button>
          </li>
        ))}
      </ul>
      <label className="inline">
        <input type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} />{' '}
        {i18n.t('panel.phi.confirm')}
      </label>
    </section>
  );
}
