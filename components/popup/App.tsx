import { useCallback, useEffect, useState } from 'react';
import { i18n } from '#i18n';
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

  /** Who is signed in (also while the server refuses their token), else undefined. */
  const me = state && state.auth.status !== 'signed-out' ? state.auth.me : undefined;
  const expired = state?.auth.status === 'expired';
  const role = me?.user.role;
  const lead = role === 'lead' || role === 'admin';
  return (
    <main>
      <header className="row">
        <h1>{i18n.t('manifest.name')}</h1>
        <span className="spacer" />
        {me && (
          <>
            <span className="muted">{me.user.name}</span>
            <button type="button" onClick={() => sendToBackground({ type: 'auth.signOut' }).then(refresh)}>
              {i18n.t('popup.app.signOut')}
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
        <p className="muted">{i18n.t('popup.app.loading')}</p>
      ) : state.auth.status === 'signed-out' ? (
        <>
          <SignIn onSignedIn={refresh} />
          {state.outbox.counts.pending + state.outbox.counts.failed > 0 && <Outbox outbox={state.outbox} />}
        </>
      ) : (
        <>
          {expired && (
            <>
              <p className="error" role="alert">
                {i18n.t('popup.app.expired')}
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
