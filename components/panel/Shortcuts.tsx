/** The panel's keyboard shortcuts, shown with `?`. */
import { i18n } from '#i18n';

/** Each shortcut's keys, and what it does. */
function shortcuts(): [string, string][] {
  return [
    ['Ctrl/⌘ + Enter', i18n.t('panel.shortcuts.submit')],
    ['Ctrl/⌘ + Shift + Enter', i18n.t('panel.shortcuts.submitNext')],
    ['Alt + A', i18n.t('panel.shortcuts.approve')],
    ['Ctrl/⌘ + S', i18n.t('panel.shortcuts.save')],
    ['1 / 0 / −', i18n.t('panel.shortcuts.rate')],
    ['I / A', i18n.t('panel.shortcuts.improveKeep')],
    ['↑ / ↓', i18n.t('panel.shortcuts.moveSteps')],
    [i18n.t('panel.shortcuts.rankKeys'), i18n.t('panel.shortcuts.rank')],
    ['Esc', i18n.t('panel.shortcuts.close')],
    ['?', i18n.t('panel.shortcuts.toggle')],
  ];
}

export function Shortcuts({ onClose }: { onClose(): void }) {
  return (
    <section className="card shortcuts" aria-label={i18n.t('panel.shortcuts.title')}>
      <div className="row">
        <strong>{i18n.t('panel.shortcuts.title')}</strong>
        <span className="spacer" />
        <button type="button" onClick={onClose} aria-label={i18n.t('panel.shortcuts.hide')}>
          ✕
        </button>
      </div>
      <table>
        <tbody>
          {shortcuts().map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
