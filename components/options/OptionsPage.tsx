/**
 * The options page: the account and server, the sites where the controls
 * appear, what is captured and sent, the keyboard shortcuts, and the queue
 * of reviews (retry, export). Everything here is also reachable from the
 * popup; this page is where a reviewer finds it all in one place.
 */
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { Outbox } from '@/components/popup/Outbox';
import { SignIn } from '@/components/popup/SignIn';
import { SUPPORTED_SITES } from '@/utils/adapters/registry';
import type { PopupState } from '@/utils/messages/background';
import { sendToBackground } from '@/utils/messages/send';
import { setIntroDismissed } from '@/utils/storage/onboarding';
import { disabledSites, setSiteEnabled } from '@/utils/storage/site-switches';

function Account({ state, refresh }: { state: PopupState; refresh(): void }) {
  const { auth } = state;
  if (auth.status === 'signed-out') return <SignIn onSignedIn={refresh} />;
  return (
    <>
      <p>
        Signed in as <strong>{auth.me.user.name}</strong> ({auth.me.user.role}, {auth.me.team.name}) on{' '}
        <code>{auth.serverUrl}</code>.
      </p>
      {auth.status === 'expired' && (
        <>
          <p className="error" role="alert">
            The server no longer accepts your token. Sign in again: your queued reviews are kept and will be sent.
          </p>
          <SignIn serverUrl={auth.serverUrl} onSignedIn={refresh} />
        </>
      )}
      <button type="button" onClick={() => sendToBackground({ type: 'auth.signOut' }).then(refresh)}>
        Sign out
      </button>
      <p className="muted">Signing out removes your token, cached tasks and unsent drafts from this browser.</p>
    </>
  );
}

function Sites() {
  const [off, setOff] = useState<string[]>();
  useEffect(() => {
    void disabledSites().then(setOff);
  }, []);
  if (!off) return <p className="muted">Loading…</p>;
  return (
    <>
      <ul className="sites" aria-label="Sites with review controls">
        {SUPPORTED_SITES.map((site) => (
          <li key={site.id}>
            <label className="inline">
              <input
                type="checkbox"
                checked={!off.includes(site.id)}
                onChange={(e) => {
                  const on = e.target.checked;
                  setOff(on ? off.filter((s) => s !== site.id) : [...off, site.id]);
                  void setSiteEnabled(site.id, on);
                }}
              />
              {site.name}
            </label>
          </li>
        ))}
      </ul>
      <p className="muted">
        A site switched off gets no controls and is not read; it takes effect when its page is next loaded. On any other
        page, select a response and choose <em>Review selection</em> in the toolbar popup: the browser gives Attending
        that one page, at that moment.
      </p>
    </>
  );
}

function Shortcuts() {
  const [commands, setCommands] = useState<{ name?: string; description?: string; shortcut?: string }[]>([]);
  useEffect(() => {
    void browser.commands.getAll().then(setCommands);
  }, []);
  return (
    <>
      <table>
        <tbody>
          {commands
            .filter((c) => c.description)
            .map((c) => (
              <tr key={c.name}>
                <th scope="row">
                  <kbd>{c.shortcut || 'not set'}</kbd>
                </th>
                <td>{c.description}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <p className="muted">
        Change them in your browser's shortcut settings (Chrome: <code>chrome://extensions/shortcuts</code>; Firefox:
        Add-ons → ⚙ → Manage Extension Shortcuts). In the review panel, press <kbd>?</kbd> for its own shortcuts.
      </p>
    </>
  );
}

export function OptionsPage() {
  const [state, setState] = useState<PopupState>();
  const [error, setError] = useState<string>();
  const refresh = useCallback(() => {
    sendToBackground({ type: 'state.get' }).then(setState, (e: Error) => setError(e.message));
  }, []);
  useEffect(refresh, [refresh]);
  return (
    <main>
      <h1>Attending settings</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="account">
        <h2 id="account">Server and account</h2>
        {state ? <Account state={state} refresh={refresh} /> : <p className="muted">Loading…</p>}
      </section>
      <section aria-labelledby="sites">
        <h2 id="sites">Sites</h2>
        <Sites />
      </section>
      <section aria-labelledby="intro">
        <h2 id="intro">Introduction</h2>
        <button type="button" onClick={() => void setIntroDismissed(false)}>
          Show the introduction in the popup again
        </button>
      </section>
      <section aria-labelledby="privacy">
        <h2 id="privacy">Privacy</h2>
        <p>
          Attending reads a chat page only when you act on it (approve, improve, rank, comment), and sends your task
          server the conversation as text with your review. Nothing is sent anywhere else.
        </p>
        <p>
          Before anything is sent, a PHI guard checks the conversation and what you wrote for the identifiers of HIPAA's
          Safe Harbor list (names in patient context, dates tied to a person, phone numbers, record numbers, addresses,
          …). What it finds is shown in the review panel: redact it, or confirm that it is not real patient data. What
          you type stays in the extension's own pages: the chat page's scripts never see it.
        </p>
      </section>
      <section aria-labelledby="keys">
        <h2 id="keys">Keyboard shortcuts</h2>
        <Shortcuts />
      </section>
      {state && <Outbox outbox={state.outbox} />}
    </main>
  );
}
