/** What the worker does for each request the router lets through. */

import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import {
  ApiProblem,
  claimTask,
  fetchAssignedTasks,
  fetchMe,
  fetchProjects,
  redeemInvite,
  serverUrl,
} from '@/utils/api-client';
import type { Handlers } from '@/utils/background/router';
import { type PopupState, taskLine } from '@/utils/messages/background';
import { sendToTab } from '@/utils/messages/send';
import { accountOf, outboxLine, queueWarning } from '@/utils/outbox/item';
import { countByState, enqueue, pendingItems, recentItems, retryNow } from '@/utils/outbox/store';
import { findCapturePhi, redactCapture } from '@/utils/review/capture-privacy';
import { draftKey } from '@/utils/review/draft-key';
import { passagesAfterRedaction } from '@/utils/review/passages';
import { taskSession } from '@/utils/review/task-session';
import type { Me } from '@/utils/schema/api';
import type { Capture } from '@/utils/schema/capture';
import { type Review, reviewedTurns } from '@/utils/schema/review';
import { SUBMISSION_SCHEMA_VERSION, Submission } from '@/utils/schema/submission';
import type { AssignedTask } from '@/utils/schema/task';
import { type Db, getSetting, type Settings, setSetting } from '@/utils/storage/db';
import { auditHandlers, queueFix } from './audit';
import { markTokenRefused } from './auth';
import { deliver, deliverQueued, updateBadge } from './delivery';
import { pagePassages } from './passages';
import { reviewSelectionIn } from './selection';
import { awaitSession, claimSession, createSession, endAllSessions, endSession } from './sessions';

/**
 * Validates and queues a review. The submission is checked here, before it is
 * queued, so that a review that could never be accepted is refused in front
 * of the reviewer instead of failing later in the queue.
 */
async function submit(
  db: Db,
  capture: Capture | undefined,
  review: Review,
  taskId?: string,
  supersedes?: string,
): Promise<{ submissionId: string }> {
  const auth = await getSetting(db, 'auth');
  if (!auth) throw new Error(i18n.t('worker.signInToReview'));
  const parsed = Submission.safeParse({
    id: crypto.randomUUID(),
    schemaVersion: SUBMISSION_SCHEMA_VERSION,
    ...(taskId ? { taskId } : {}),
    ...(capture ? { capture } : {}),
    ...(supersedes ? { supersedes } : {}),
    review,
    createdAt: new Date().toISOString(),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(i18n.t('worker.reviewInvalid', { problem: issue?.message ?? '' }));
  }
  await enqueue(db, { submission: parsed.data }, accountOf(auth.state.me.user), Date.now());
  if (taskId) await markSubmitted(db, new Set([taskId]));
  void deliverQueued(db);
  return { submissionId: parsed.data.id };
}

/** Refreshes the cached tasks and projects; on failure keeps the old ones, with the error for the popup. */
async function refreshTasks(db: Db): Promise<void> {
  const auth = await getSetting(db, 'auth');
  if (!auth) return;
  const server = { url: auth.serverUrl, token: auth.token };
  const cached = await getSetting(db, 'tasks');
  try {
    const [{ tasks: fetched }, projects] = await Promise.all([fetchAssignedTasks(server), fetchProjects(server)]);
    // A review still in the queue has not reached the server: its task stays submitted here.
    const queued = new Set((await pendingItems(db)).flatMap((item) => item.submission?.taskId ?? []));
    const tasks = asSubmitted(fetched, queued);
    const tx = db.transaction('settings', 'readwrite');
    await Promise.all([
      tx.store.put(tasks, 'assigned'),
      tx.store.put({ fetchedAt: Date.now(), lines: tasks.map(taskLine), projects }, 'tasks'),
      tx.done,
    ]);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) {
      await markTokenRefused(db, auth.token);
      await updateBadge(db);
    }
    await setSetting(db, 'tasks', {
      fetchedAt: cached?.fetchedAt ?? 0,
      lines: cached?.lines ?? [],
      projects: cached?.projects ?? [],
      error: (error as Error).message,
    });
  }
}

/** The tasks with those of `taskIds` submitted. */
function asSubmitted(tasks: AssignedTask[], taskIds: ReadonlySet<string>): AssignedTask[] {
  return tasks.map((t) => (taskIds.has(t.task.id) ? { ...t, status: 'submitted' } : t));
}

/** Marks tasks submitted in the cached lists (the lines are the tasks'), as the server will once their reviews arrive. */
async function markSubmitted(db: Db, taskIds: ReadonlySet<string>): Promise<void> {
  const tx = db.transaction('settings', 'readwrite');
  const [assigned, cached] = await Promise.all([tx.store.get('assigned'), tx.store.get('tasks')]);
  if (!assigned || !cached) return;
  const tasks = asSubmitted(assigned as AssignedTask[], taskIds);
  await Promise.all([
    tx.store.put(tasks, 'assigned'),
    tx.store.put({ ...(cached as Settings['tasks']), lines: tasks.map(taskLine) }, 'tasks'),
    tx.done,
  ]);
}

/** Opens an assigned task in the review panel, in a tab of its own. */
async function openTask(db: Db, assigned: AssignedTask, serverUrl: string): Promise<void> {
  await openPanelTab(await taskSessionOf(db, assigned, serverUrl));
}

/** A standalone panel session on an assigned task, with its project's guidelines and assessment. */
async function taskSessionOf(db: Db, assigned: AssignedTask, serverUrl: string): Promise<string> {
  const { task, projectId } = assigned;
  const { capture, focus } = taskSession(task, serverUrl, new Date());
  const rationaleRequired = task.kind === 'rank_responses' ? task.rationaleRequired : undefined;
  const project = projectId ? (await getSetting(db, 'tasks'))?.projects.find((p) => p.id === projectId) : undefined;
  const shown = (await getSetting(db, 'guidelinesShown')) ?? [];
  const first = project !== undefined && !shown.includes(project.id);
  if (project && first) await setSetting(db, 'guidelinesShown', [...shown, project.id]);
  return createSession({
    tabId: 'standalone',
    ...(capture ? { capture } : {}),
    focus,
    task: { id: task.id, title: task.title, ...(rationaleRequired ? { rationaleRequired } : {}) },
    ...(project?.guidelines ? { guidelines: { markdown: project.guidelines, first } } : {}),
    ...(project ? { assessment: project.assessment } : {}),
    draftKey: draftKey(capture, focus, { id: task.id, rerating: assigned.rerating }),
  });
}

/** Keeps the account signed in to, fetches its tasks and sends what waited for it. */
async function signedIn(db: Db, server: { url: string; token: string }, me: Me): Promise<Me> {
  await setSetting(db, 'auth', {
    serverUrl: server.url,
    token: server.token,
    state: { status: 'signed-in', serverUrl: server.url, me },
  });
  await refreshTasks(db);
  void deliver(db);
  return me;
}

/** Tells the page a panel was framed over that its reviewer's passage comments changed. */
function passagesChanged(tabId: number | 'standalone'): void {
  if (tabId !== 'standalone') sendToTab(tabId, { type: 'passages.changed' }).catch(() => {});
}

/** Opens the panel in a tab of its own, for a standalone session. */
async function openPanelTab(sessionId: string): Promise<void> {
  await browser.tabs.create({ url: `${browser.runtime.getURL('/panel.html')}#${sessionId}` });
}

/** Lines of the popup's outbox list. */
const LINES_SHOWN = 20;

async function popupState(db: Db): Promise<PopupState> {
  const [auth, tasks, counts, items] = await Promise.all([
    getSetting(db, 'auth'),
    getSetting(db, 'tasks'),
    countByState(db),
    recentItems(db, LINES_SHOWN),
  ]);
  const account = auth && accountOf(auth.state.me.user).key;
  const warning = queueWarning(counts.pending + counts.failed, await navigator.storage.estimate());
  return {
    auth: auth?.state ?? { status: 'signed-out' },
    tasks: tasks?.lines ?? [],
    projects: tasks?.projects ?? [],
    ...(tasks?.error ? { tasksError: tasks.error } : {}),
    outbox: { counts, lines: items.map((item) => outboxLine(item, account)), ...(warning ? { warning } : {}) },
  };
}

export function createHandlers(db: Db): Handlers {
  return {
    ...auditHandlers(db),
    'review.approve': async ({ capture, turn }) => {
      // One click sends the conversation unseen: not when it may identify a patient.
      const findings = findCapturePhi(capture).length;
      if (findings) return { status: 'held', findings };
      const { submissionId } = await submit(db, capture, { kind: 'approve', turn, comment: '', activeMs: 0 });
      return { status: 'queued', submissionId };
    },

    'panel.open': async ({ sessionId, capture, focus }, { sender }) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new Error(i18n.t('worker.noTab'));
      await createSession({ tabId, capture, focus, draftKey: draftKey(capture, focus, undefined) }, sessionId);
      return null;
    },

    'task.open': async ({ taskId }) => {
      const [auth, cached] = await Promise.all([getSetting(db, 'auth'), getSetting(db, 'assigned')]);
      const assigned = cached?.find((t) => t.task.id === taskId);
      if (!auth || !assigned) throw new Error(i18n.t('worker.taskNotListed'));
      await openTask(db, assigned, auth.serverUrl);
      return null;
    },

    'task.next': async ({ after }) => {
      const [auth, assigned = []] = await Promise.all([getSetting(db, 'auth'), getSetting(db, 'assigned')]);
      if (!auth) throw new Error(i18n.t('worker.signInFirst'));
      // The first open task after this one in assignment order, else the first (a skipped one comes round again).
      const from = assigned.findIndex((t) => t.task.id === after);
      const next = [...assigned.slice(from + 1), ...assigned.slice(0, from + 1)].find(
        (t) => t.status !== 'submitted' && t.task.id !== after,
      );
      return next ? { sessionId: await taskSessionOf(db, next, auth.serverUrl) } : null;
    },

    'projects.list': async () => {
      await refreshTasks(db);
      return (await getSetting(db, 'tasks'))?.projects ?? [];
    },

    'projects.claim': async ({ projectId }) => {
      const auth = await getSetting(db, 'auth');
      if (!auth) throw new Error(i18n.t('worker.signInFirst'));
      const claimed = await claimTask({ url: auth.serverUrl, token: auth.token }, projectId);
      if (!claimed) return null;
      await refreshTasks(db);
      await openTask(db, claimed, auth.serverUrl);
      return { taskId: claimed.task.id };
    },

    // A quick rating opened in the panel to add detail: the new review supersedes it.
    'outbox.detail': async ({ id }) => {
      const [auth, item] = await Promise.all([getSetting(db, 'auth'), db.get('outbox', id)]);
      const { capture, review } = item?.submission ?? {};
      if (!auth || !item || item.account.key !== accountOf(auth.state.me.user).key || !capture || !review) {
        throw new Error(i18n.t('worker.reviewNotHere'));
      }
      const [turn] = reviewedTurns(review);
      if (turn === undefined || (review.kind !== 'approve' && review.kind !== 'improve')) {
        throw new Error(i18n.t('worker.onlyQuickRating'));
      }
      const focus = { kind: 'response' as const, turn, start: 'review' as const };
      const sessionId = await createSession({
        tabId: 'standalone',
        capture,
        focus,
        supersedes: id,
        draftKey: `detail:${id}`,
      });
      await openPanelTab(sessionId);
      return null;
    },

    'panel.session': async ({ sessionId }, { sender }) => {
      const session = await awaitSession(sessionId, sender);
      // The tasks' lines, not the tasks: a thousand tasks' prompts and responses would cost the panel its opening.
      const [draft, cached] = await Promise.all([db.get('drafts', session.draftKey), getSetting(db, 'tasks')]);
      const open = (cached?.lines ?? []).filter((line) => line.status !== 'submitted');
      const place = session.task ? open.findIndex((line) => line.id === session.task?.id) : -1;
      return {
        ...(session.capture ? { capture: session.capture } : {}),
        focus: session.focus,
        ...(session.task ? { task: session.task } : {}),
        ...(session.fix ? { fix: session.fix } : {}),
        ...(session.guidelines ? { guidelines: session.guidelines } : {}),
        ...(session.assessment ? { assessment: session.assessment } : {}),
        ...(place >= 0 ? { queue: { position: place + 1, open: open.length } } : {}),
        tasks: open.map(({ id, title }) => ({ id, title })),
        ...(draft ? { draft: draft.state } : {}),
      };
    },

    'draft.save': async ({ sessionId, state }, { sender }) => {
      const session = await claimSession(sessionId, sender);
      const before = await db.get('drafts', session.draftKey);
      await db.put('drafts', { key: session.draftKey, state, savedAt: Date.now() });
      // Drafts are saved as the reviewer types: the page reads itself again only when a passage changed.
      const passages = (draft: unknown) =>
        JSON.stringify((draft as { details?: { passages?: unknown } } | undefined)?.details?.passages ?? []);
      if (passages(before?.state) !== passages(state)) passagesChanged(session.tabId);
      return null;
    },

    'page.passages': ({ url }) => pagePassages(db, url),

    'panel.submit': async ({ sessionId, review, taskId, redactions = [] }, { sender }) => {
      const session = await claimSession(sessionId, sender);
      if (session.fix) await queueFix(db, session.fix.submissionId, review);
      else {
        const capture = session.capture && redactCapture(session.capture, redactions);
        if (capture && findCapturePhi(capture).length && !review.phiConfirmed) {
          throw new Error(i18n.t('worker.mayIdentifyPatient'));
        }
        const sent = capture && redactions.length ? passagesAfterRedaction(review, capture) : review;
        await submit(db, capture, sent, taskId ?? session.task?.id, session.supersedes);
      }
      await db.delete('drafts', session.draftKey);
      await endSession(sessionId);
      passagesChanged(session.tabId);
      return null;
    },

    // Closing needs no live session: a panel whose session ended must still be closable.
    'panel.close': async ({ sessionId }, { sender }) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new Error(i18n.t('worker.noTab'));
      await endSession(sessionId, tabId);
      await sendToTab(tabId, { type: 'panel.close' }).catch(() => {});
      return null;
    },

    'auth.signIn': async ({ serverUrl: typed, token }) => {
      const server = { url: serverUrl(typed), token: token.trim() };
      if (!server.token) throw new ApiProblem(i18n.t('worker.pasteToken'));
      return signedIn(db, server, await fetchMe(server));
    },

    'auth.redeem': async ({ serverUrl: typed, code }) => {
      const url = serverUrl(typed);
      const { token, me } = await redeemInvite(url, code);
      return signedIn(db, { url, token }, me);
    },

    'auth.signOut': async () => {
      // The token, the cached tasks and every unsent draft go; the next person on this browser finds none of
      // them. The queue stays: its reviews are the expert's work, flagged as theirs and sent when they sign in.
      const tx = db.transaction(['settings', 'drafts'], 'readwrite');
      await Promise.all([
        tx.objectStore('settings').delete('auth'),
        tx.objectStore('settings').delete('tasks'),
        tx.objectStore('settings').delete('assigned'),
        tx.objectStore('settings').delete('guidelinesShown'),
        tx.objectStore('drafts').clear(),
        tx.done,
      ]);
      await endAllSessions();
      await updateBadge(db);
      return null;
    },

    'state.get': () => popupState(db),

    'tasks.refresh': async () => {
      await refreshTasks(db);
      return null;
    },

    'selection.review': async ({ tabId }) => {
      await reviewSelectionIn(tabId);
      return null;
    },

    'outbox.export': async () => {
      const items = await db.getAll('outbox');
      const lines = items
        .sort((a, b) => a.createdAt - b.createdAt)
        .map(({ id, state, attempts, createdAt, account, submission, ...rest }) =>
          JSON.stringify({
            id,
            state,
            attempts,
            createdAt: new Date(createdAt).toISOString(),
            reviewer: account.name,
            ...rest,
            submission,
          }),
        );
      return { jsonl: lines.length ? `${lines.join('\n')}\n` : '', count: lines.length };
    },

    'outbox.retry': async () => {
      await retryNow(db, Date.now());
      await deliver(db);
      return null;
    },
  };
}
