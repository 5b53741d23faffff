/**
 * Connecting to the team's server: with the one-time invite code a lead gave
 * (the server makes the account and its token), or with a personal access
 * token. The token is kept by the background worker, never in the page.
 */
import { type FormEvent, useState } from 'react';
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
    <form onSubmit={submit} aria-label="Sign in">
      <label htmlFor="server">Task server</label>
      <input id="server" type="url" required value={server} onChange={(e) => setServer(e.target.value)} />
      <fieldset className="row">
        <legend>How you connect</legend>
        <label className="inline">
          <input type="radio" name="mode" checked={mode === 'invite'} onChange={() => setMode('invite')} />I have an
          invite code
        </label>
        <label className="inline">
          <input type="radio" name="mode" checked={mode === 'token'} onChange={() => setMode('token')} />I have a token
        </label>
      </fieldset>
      {mode === 'invite' ? (
        <>
          <label htmlFor="code">Invite code</label>
          <input
            id="code"
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="7K3M-Q9XT-2HBD"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
          <p className="muted">Your lead gives you the server address and a code that works once.</p>
        </>
      ) : (
        <>
          <label htmlFor="token">Personal access token</label>
          <input
            id="token"
            type="password"
            required
            autoComplete="off"
            placeholder="att_…"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
          <p className="muted">Your lead gives you the server address and your token.</p>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button className="primary" type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
