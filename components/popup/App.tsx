import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { i18n } from '#i18n';
import type { PopupState } from '@/utils/messages/background';
import { sendToBackground } from '@/utils/messages/send';
import { GettingStarted } from './GettingStarted';
import { Outbox } from './Outbox';
import { Projects } from './Projects';
import { QuickRate } from './QuickRate';
import { SignIn } from './SignIn';
import { TaskList } from './TaskList';

const REFRESH_MS = 1000;

// A lead's parts load only for a lead: an expert's popup (opened often, to rate in two clicks) does without
// their code, the shared schemas among it.
const AuditQueue = lazy(() => import('./AuditQueue').then((m) => ({ default: m.AuditQueue })));
const InviteMember = lazy(() => import('./InviteMember').then((m) => ({ default: m.InviteMember })));

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
    // What the worker has shows at once; the server is asked for news once that is drawn (its answer, a
    // thousand tasks parsed, would otherwise compete with the first render).
    void refresh().then(() =>
      requestAnimationFrame(() =>
        setTimeout(() => void sendToBackground({ type: 'tasks.refresh' }).then(refresh, refresh)),
      ),
    );
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
          {lead && (
            <Suspense fallback={null}>
              <AuditQueue projects={state.projects} />
              <InviteMember />
            </Suspense>
          )}
          <TaskList tasks={state.tasks} {...(state.tasksError ? { error: state.tasksError } : {})} />
          <Projects projects={state.projects} lead={lead} />
        </>
      )}
    </main>
  );
}
