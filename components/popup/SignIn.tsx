import { type FormEvent, useState } from 'react';
import { sendToBackground } from '@/utils/messages/send';

const DEFAULT_SERVER = 'http://127.0.0.1:8787';

export function SignIn({ serverUrl, onSignedIn }: { serverUrl?: string; onSignedIn(): void }) {
  const [server, setServer] = useState(serverUrl ?? DEFAULT_SERVER);
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await sendToBackground({ type: 'auth.signIn', serverUrl: server, token });
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
      <label htmlFor="token">Personal access token</label>
      <input
        id="token"
        type="password"
        required
        autoComplete="off"
        placeholder="att_…"
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      <p className="muted">Your lead gives you the server address and your token.</p>
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
