/**
 * The options page: the account and server, the sites where the controls
 * appear, what is captured and sent, the keyboard shortcuts, and the queue
 * of reviews (retry, export). Everything here is also reachable from the
 * popup; this page is where a reviewer finds it all in one place.
 */
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { Outbox } from '@/components/popup/Outbox';
import { SignIn } from '@/components/popup/SignIn';
import { SLOT, SLOTS, withNodes } from '@/components/sentence';
import { SUPPORTED_SITES } from '@/utils/adapters/registry';
import type { PopupState } from '@/utils/messages/background';
import { sendToBackground } from '@/utils/messages/send';
import type { UserRole } from '@/utils/schema/api';
import { setIntroDismissed } from '@/utils/storage/onboarding';
import { disabledSites, setSiteEnabled } from '@/utils/storage/site-switches';

/** Where Chrome changes an extension's shortcuts: an address, the same in every language. */
const CHROME_SHORTCUTS = 'chrome://extensions/shortcuts';

function roleWord(role: UserRole): string {
  switch (role) {
    case 'expert':
      return i18n.t('options.account.roles.expert');
    case 'lead':
      return i18n.t('options.account.roles.lead');
    case 'admin':
      return i18n.t('options.account.roles.admin');
  }
}

function Account({ state, refresh }: { state: PopupState; refresh(): void }) {
  const { auth } = state;
  if (auth.status === 'signed-out') return <SignIn onSignedIn={refresh} />;
  const expired = auth.status === 'expired';
  return (
    <>
      <p>
        {withNodes(
          i18n.t('options.account.signedIn', {
            name: SLOTS[0],
            role: roleWord(auth.me.user.role),
            team: auth.me.team.name,
            server: SLOTS[1],
          }),
          <strong>{auth.me.user.name}</strong>,
          <code>{auth.serverUrl}</code>,
        )}
      </p>
      {expired && (
        <>
          <p className="error" role="alert">
            {i18n.t('options.account.expired')}
          </p>
          <SignIn serverUrl={auth.serverUrl} onSignedIn={refresh} />
        </>
      )}
      <button type="button" onClick={() => sendToBackground({ type: 'auth.signOut' }).then(refresh)}>
        {i18n.t('options.account.signOut')}
      </button>
      <p className="muted">{i18n.t('options.account.signOutNote')}</p>
    </>
  );
}

function Sites() {
  const [off, setOff] = useState<string[]>();
  useEffect(() => {
    void disabledSites().then(setOff);
  }, []);
  if (!off) return <p className="muted">{i18n.t('options.loading')}</p>;
  return (
    <>
      <ul className="sites" aria-label={i18n.t('options.sites.list')}>
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
        {i18n.t('options.sites.switchedOff')}{' '}
        {withNodes(
          i18n.t('options.sites.otherPages', { command: SLOT }),
          <em>{i18n.t('options.sites.reviewSelection')}</em>,
        )}
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
                  <kbd>{c.shortcut || i18n.t('options.shortcuts.notSet')}</kbd>
                </th>
                <td>{c.description}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <p className="muted">
        {withNodes(i18n.t('options.shortcuts.change', { chromeUrl: SLOT }), <code>{CHROME_SHORTCUTS}</code>)}{' '}
        {withNodes(i18n.t('options.shortcuts.panel', { key: SLOT }), <kbd>?</kbd>)}
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
      <h1>{i18n.t('options.title')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="account">
        <h2 id="account">{i18n.t('options.account.title')}</h2>
        {state ? <Account state={state} refresh={refresh} /> : <p className="muted">{i18n.t('options.loading')}</p>}
      </section>
      <section aria-labelledby="sites">
        <h2 id="sites">{i18n.t('options.sites.title')}</h2>
        <Sites />
      </section>
      <section aria-labelledby="intro">
        <h2 id="intro">{i18n.t('options.intro.title')}</h2>
        <button type="button" onClick={() => void setIntroDismissed(false)}>
          {i18n.t('options.intro.showAgain')}
        </button>
      </section>
      <section aria-labelledby="privacy">
        <h2 id="privacy">{i18n.t('options.privacy.title')}</h2>
        <p>{i18n.t('options.privacy.reads')}</p>
        <p>{i18n.t('options.privacy.guard')}</p>
      </section>
      <section aria-labelledby="keys">
        <h2 id="keys">{i18n.t('options.shortcuts.title')}</h2>
        <Shortcuts />
      </section>
      {state && <Outbox outbox={state.outbox} />}
    </main>
  );
}
