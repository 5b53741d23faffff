/**
 * A lead's work: the audit queue, the team's reviews of a page, decisions and invites,
 * which go through the same durable outbox as reviews. Experts get nothing
 * here (the server refuses them too); `page.auditing` tells the content
 * script whether to read the page for audit at all, so that an expert's pages
 * are never read for it.
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { createInvite, fetchAgreement, fetchProjects, fetchSubmissions, type Server } from '@/utils/api-client';
import type { Handlers } from '@/utils/background/router';
import type { ReviewFilters } from '@/utils/messages/background';
import { accountOf } from '@/utils/outbox/item';
import { enqueue } from '@/utils/outbox/store';
import { fixFocus } from '@/utils/review/fix-session';
import { matchReviews } from '@/utils/review/match';
import { summarizeReviews } from '@/utils/review/summary';
import type { StoredSubmission } from '@/utils/schema/api';
import type { AssessmentConfig } from '@/utils/schema/assessment';
import { Audit } from '@/utils/schema/audit';
import type { Project } from '@/utils/schema/project';
import type { Review } from '@/utils/schema/review';
import { type Db, getSetting } from '@/utils/storage/db';
import { deliverQueued } from './delivery';
import { createSession } from './sessions';

type AuditHandlers = Pick<
  Handlers,
  | 'projects.agreement'
  | 'audit.list'
  | 'audit.decide'
  | 'audit.fix'
  | 'audit.matching'
  | 'page.auditing'
  | 'page.reviews'
  | 'invite.create'
>;

/** The most reviews of one page a lead sees at once. */
const PAGE_REVIEWS = 200;
/** The server reads at most this much of the message-id filter; pages beyond it are matched by URL. */
const MESSAGE_IDS_CHARS = 20_000;

async function signedIn(db: Db) {
  const auth = await getSetting(db, 'auth');
  if (!auth) throw new Error(i18n.t('worker.signInFirst'));
  return auth;
}

async function leadServer(db: Db): Promise<Server> {
  const auth = await signedIn(db);
  if (auth.state.me.user.role === 'expert') throw new Error(i18n.t('worker.leadsOnly'));
  return { url: auth.serverUrl, token: auth.token };
}

function filterQuery(filters: ReviewFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
  );
}

/** The team's reviews of a page, and which of them are about each of its turns. */
async function matching(
  server: Server,
  url: string,
  turns: { messageId?: string; text: string }[],
): Promise<{ reviews: StoredSubmission[]; byTurn: number[][] }> {
  const messageIds: string[] = [];
  let room = MESSAGE_IDS_CHARS;
  for (const { messageId } of turns) {
    if (!messageId || messageId.length + 1 > room) continue;
    messageIds.push(messageId);
    room -= messageId.length + 1;
  }
  const { submissions } = await fetchSubmissions(server, {
    url,
    ...(messageIds.length ? { messageIds: messageIds.join(',') } : {}),
    limit: String(PAGE_REVIEWS),
  });
  // A superseded quick rating is not a review of its own: its detailed version stands for it.
  const superseded = new Set(submissions.flatMap((s) => (s.submission.supersedes ? [s.submission.supersedes] : [])));
  const reviews = submissions.filter((s) => !superseded.has(s.submission.id));
  return { reviews, byTurn: matchReviews(turns, reviews) };
}

async function decide(db: Db, audit: Omit<Audit, 'id' | 'createdAt'>): Promise<{ auditId: string }> {
  const auth = await signedIn(db);
  const parsed = Audit.safeParse({ id: crypto.randomUUID(), ...audit, createdAt: new Date().toISOString() });
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? i18n.t('worker.decisionInvalid'));
  await enqueue(db, { audit: parsed.data }, accountOf(auth.state.me.user), Date.now());
  void deliverQueued(db);
  return { auditId: parsed.data.id };
}

/**
 * What the project of a review's task asks in the assessment, so that a lead
 * fixing the review sees the form the expert saw: the project as the server
 * has it now, else (offline) as the worker last had it, else every standard
 * axis (the fix opens all the same).
 */
async function assessmentOf(db: Db, server: Server, projectId: string): Promise<AssessmentConfig | undefined> {
  const asked = (projects: Project[] | undefined) => projects?.find((p) => p.id === projectId)?.assessment;
  try {
    return asked(await fetchProjects(server));
  } catch {
    return asked((await getSetting(db, 'tasks'))?.projects);
  }
}

/** Queues a lead's corrected review of a submission as a "fix" audit. */
export function queueFix(db: Db, submissionId: string, review: Review): Promise<{ auditId: string }> {
  return decide(db, { submissionId, action: 'fix', comment: '', review });
}

export function auditHandlers(db: Db): AuditHandlers {
  return {
    'projects.agreement': async ({ projectId }) => fetchAgreement(await leadServer(db), projectId),

    'audit.list': async ({ filters }) =>
      fetchSubmissions(await leadServer(db), { ...filterQuery(filters), limit: '50' }),

    'audit.decide': async ({ submissionId, action, comment }) => {
      await leadServer(db);
      return decide(db, { submissionId, action, comment });
    },

    // Framed over a page, the panel moves to the new session in its frame; from the audit page, a tab opens.
    'audit.fix': async ({ stored }, { kind, sender }) => {
      const server = await leadServer(db);
      const { submission, user, projectId } = stored;
      const tabId = kind === 'panel' && sender.frameId !== 0 ? sender.tab?.id : undefined;
      const assessment = projectId ? await assessmentOf(db, server, projectId) : undefined;
      const sessionId = await createSession({
        tabId: tabId ?? 'standalone',
        ...(submission.capture ? { capture: submission.capture } : {}),
        focus: fixFocus(submission.review),
        fix: { submissionId: submission.id, expert: user.name, review: submission.review },
        ...(assessment ? { assessment } : {}),
        draftKey: `fix:${submission.id}`,
      });
      if (tabId === undefined) {
        await browser.tabs.create({ url: `${browser.runtime.getURL('/panel.html')}#${sessionId}` });
      }
      return { sessionId };
    },

    'audit.matching': async ({ url, turns }) => matching(await leadServer(db), url, turns),

    'invite.create': async ({ name, specialty }) =>
      createInvite(await leadServer(db), { name, ...(specialty ? { specialty } : {}) }),

    'page.auditing': async () => {
      const role = (await getSetting(db, 'auth'))?.state.me.user.role;
      return role === 'lead' || role === 'admin';
    },

    'page.reviews': async ({ url, turns }) => {
      const { reviews, byTurn } = await matching(await leadServer(db), url, turns);
      return byTurn.map((indexes) =>
        indexes.length
          ? summarizeReviews(
              indexes.flatMap((i) => {
                const stored = reviews[i];
                return stored ? [{ review: stored.submission.review, audited: stored.audit !== undefined }] : [];
              }),
            )
          : null,
      );
    },
  };
}
