import { useCallback, useEffect, useState } from 'react';
import type { PopupState } from '@/utils/messages/background';
import { sendToBackground } from '@/utils/messages/send';
import { AuditQueue } from './AuditQueue';
import { GettingStarted } from './GettingStarted';
import { InviteMember } from './InviteMember';
import { Outbox } from './Outbox';
import { Projects } from './Projects';
import { QuickRate } from './QuickRate';
import { SignIn } from './SignIn';
import { TaskList } from './TaskList';

const REFRESH_MS = 1000;

export function App() {
  const [state, setState] = useState<PopupState>();
  const [error, setError] = useState<string>();

  const refresh = useCallback(async () => {
    try {
      setState(await sendToBackground({ type: 'state.get' }));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
    void sendToBackground({ type: 'tasks.refresh' }).then(refresh, refresh);
    const id = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(id);
  }, [refresh]);

  const signedIn = state?.auth.status === 'signed-in' || state?.auth.status === 'expired';
  const role = state && state.auth.status !== 'signed-out' ? state.auth.me.user.role : undefined;
  const lead = role === 'lead' || role === 'admin';
  return (
    <main>
      <header className="row">
        <h1>Attending</h1>
        <span className="spacer" />
        {signedIn && state?.auth.status !== 'signed-out' && (
          <>
            <span className="muted">{state.auth.me.user.name}</span>
            <button type="button" onClick={() => sendToBackground({ type: 'auth.signOut' }).then(refresh)}>
              Sign out
            </button>
          </>
        )}
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!state ? (
        <p className="muted">Loading…</p>
      ) : state.auth.status === 'signed-out' ? (
        <>
          <SignIn onSignedIn={refresh} />
          {state.outbox.counts.pending + state.outbox.counts.failed > 0 && <Outbox outbox={state.outbox} />}
        </>
      ) : (
        <>
          {state.auth.status === 'expired' && (
            <>
              <p className="error" role="alert">
                The server no longer accepts your token. Sign in again: your queued reviews are kept and will be sent.
              </p>
              <SignIn serverUrl={state.auth.serverUrl} onSignedIn={refresh} />
            </>
          )}
          <GettingStarted serverUrl={state.auth.serverUrl} projects={state.projects} />
          <QuickRate />
          <Outbox outbox={state.outbox} />
          {lead && <AuditQueue projects={state.projects} />}
          {lead && <InviteMember />}
          <TaskList tasks={state.tasks} {...(state.tasksError ? { error: state.tasksError } : {})} />
          <Projects projects={state.projects} lead={lead} />
        </>
      )}
    </main>
  );
}
