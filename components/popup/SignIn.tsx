/**
 * Connecting to the team's server: with the one-time invite code a lead gave
 * (the server makes the account and its token), or with a personal access
 * token. The token is kept by the background worker, never in the page.
 */

import { type FormEvent, useState } from 'react';
import { i18n } from '#i18n';
import { sendToBackground } from '@/utils/messages/send';

const DEFAULT_SERVER = 'http://127.0.0.1:8787';

export function SignIn({ serverUrl, onSignedIn }: { serverUrl?: string; onSignedIn(): void }) {
  const [server, setServer] = useState(serverUrl ?? DEFAULT_SERVER);
  const [mode, setMode] = useState<'invite' | 'token'>(serverUrl ? 'token' : 'invite');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await sendToBackground(
        mode === 'invite'
          ? { type: 'auth.redeem', serverUrl: server, code: secret }
          : { type: 'auth.signIn', serverUrl: server, token: secret },
      );
      onSignedIn();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label={i18n.t('popup.signIn.signIn')}>
      <label htmlFor="server">{i18n.t('popup.signIn.server')}</label>
      <input id="server" type="url" required value={server} onChange={(e) => setServer(e.target.value)} />
      <fieldset className="row">
        <legend>{i18n.t('popup.signIn.how')}</legend>
        <label className="inline">
          <input type="radio" name="mode" checked={mode === 'invite'} onChange={() => setMode('invite')} />
          {i18n.t('popup.signIn.haveCode')}
        </label>
        <label className="inline">
          <input type="radio" name="mode" checked={mode === 'token'} onChange={() => setMode('token')} />
          {i18n.t('popup.signIn.haveToken')}
        </label>
      </fieldset>
      {mode === 'invite' ? (
        <>
          <label htmlFor="code">{i18n.t('popup.signIn.code')}</label>
          <input
            id="code"
            required
            autoComplete="off"
            spellCheck={false}
            placeholder={i18n.t('popup.signIn.codePlaceholder')}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
          <p className="muted">{i18n.t('popup.signIn.codeHelp')}</p>
        </>
      ) : (
        <>
          <label htmlFor="token">{i18n.t('popup.signIn.token')}</label>
          <input
            id="token"
            type="password"
            required
            autoComplete="off"
            placeholder={i18n.t('popup.signIn.tokenPlaceholder')}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
          <p className="muted">{i18n.t('popup.signIn.tokenHelp')}</p>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button className="primary" type="submit" disabled={busy}>
        {busy ? i18n.t('popup.signIn.signingIn') : i18n.t('popup.signIn.signIn')}
      </button>
    </form>
  );
}
