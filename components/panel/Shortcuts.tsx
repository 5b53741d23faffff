/** The panel's keyboard shortcuts, shown with `?`. */
const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ + Enter', 'Submit (on “Approve or improve”: submit the improvement)'],
  ['Ctrl/⌘ + Shift + Enter', 'On a task: submit (approve if the response is unedited) and open your next task'],
  ['Alt + A', 'Approve the response as it is'],
  ['Ctrl/⌘ + S', 'Save the draft now (it is also saved as you type)'],
  ['1 / 0 / −', 'On a focused step: rate it +1, 0 or −1'],
  ['I / A', 'On a focused step: improve it / keep it'],
  ['↑ / ↓', 'Move between steps'],
  ['Space, ↑/↓, Space', 'On a ranking handle: lift, move, drop'],
  ['Esc', 'Close the panel (your draft is kept)'],
  ['?', 'Show or hide this list'],
];

export function Shortcuts({ onClose }: { onClose(): void }) {
  return (
    <section className="card shortcuts" aria-label="Keyboard shortcuts">
      <div className="row">
        <strong>Keyboard shortcuts</strong>
        <span className="spacer" />
        <button type="button" onClick={onClose} aria-label="Hide the shortcuts">
          ✕
        </button>
      </div>
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
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
