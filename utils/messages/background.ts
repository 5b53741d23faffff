/**
 * Every request the background service worker accepts, declared once, with
 * who may send it and what it answers. The worker parses each inbound message
 * with `BackgroundRequest` and checks the sender against `ALLOWED_SENDERS`
 * before acting; anything else is refused.
 *
 *   content script (host page tab)  ──►  review.approve, panel.open, page.auditing, page.reviews
 *   review panel (iframe, or a tab)  ──►  panel.session, panel.submit, panel.close, draft.save,
 *                                         audit.matching, audit.decide, audit.fix
 *   popup                            ──►  review.approve, auth.*, state.get, tasks.refresh, outbox.*,
 *                                         selection.review, task.open, projects.*, audit.list
 *   audit page (a tab)               ──►  audit.list, audit.matching, audit.decide, audit.fix,
 *                                         projects.list
 */
import { z } from 'zod';
import type { OutboxSummary } from '../outbox/item';
import { CaptureSpan } from '../review/capture-privacy';
import { type Invite, type Me, StoredSubmission, type SubmissionPage } from '../schema/api';
import type { AssessmentConfig } from '../schema/assessment';
import { Capture, TextQuote, Turn, turnIndex } from '../schema/capture';
import type { RubricCriterion } from '../schema/clinical';
import { Severity, Specialty } from '../schema/clinical';
import { LIMITS } from '../schema/limits';
import type { PassageCategory } from '../schema/passage';
import type { AgreementReport, Project } from '../schema/project';
import { Review } from '../schema/review';
import type { AssignedTask } from '../schema/task';

/**
 * What a page may open the review panel on: one response (starting on its
 * review or on its steps), or the responses to one prompt, to rank.
 */
export const PageFocus = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('response'),
    turn: turnIndex,
    start: z.enum(['review', 'steps']),
    /** Words the reviewer selected on the page to comment on, quoted from the response's text on the page. */
    passage: TextQuote.optional(),
  }),
  z.strictObject({ kind: z.literal('rank'), turns: z.array(turnIndex).min(2) }),
  /** A lead auditing the reviews of a response. */
  z.strictObject({ kind: z.literal('audit'), turn: turnIndex }),
]);
export type PageFocus = z.infer<typeof PageFocus>;

/** The lead's audit queue filters (see GET /v1/submissions). */
export const ReviewFilters = z.strictObject({
  project: z.uuid().optional(),
  expert: z.uuid().optional(),
  severity: Severity.optional(),
  disagreement: z.boolean().optional(),
  audit: z.enum(['none', 'accept', 'fix', 'reject', 'return']).optional(),
  before: z.string().max(200).optional(),
});
export type ReviewFilters = z.infer<typeof ReviewFilters>;

/** A page's responses, to find the team's reviews of each. */
const PageTurns = z.strictObject({
  url: z.url().max(8192),
  // Text may be empty (a response that is only an image): turns keep their places.
  turns: z
    .array(z.strictObject({ messageId: Turn.shape.messageId, text: z.string().max(LIMITS.turnText) }))
    .max(LIMITS.turns),
});

/** What the panel opens on: a page's focus, or what only a task gives (built by the worker, never received). */
export type PanelFocus =
  | PageFocus
  | { kind: 'rubric'; turn: number; rubric: RubricCriterion[] }
  | { kind: 'prompt'; instructions: string; requirements: string[] };

/** A panel's unsent work, saved as it is typed: the panel's own form state. */
const DRAFT_BYTES = 2 * 1024 * 1024;
const DraftState = z.json().refine((state) => JSON.stringify(state).length <= DRAFT_BYTES, 'The draft is too large');

const sessionId = z.uuid();

export const BackgroundRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('review.approve'), capture: Capture, turn: turnIndex }),
  /** `sessionId`: named by the content script, which frames the panel with it at once (see background/sessions). */
  z.strictObject({ type: z.literal('panel.open'), sessionId, capture: Capture, focus: PageFocus }),
  z.strictObject({ type: z.literal('panel.session'), sessionId }),
  z.strictObject({
    type: z.literal('panel.submit'),
    sessionId,
    review: Review,
    taskId: z.string().min(1).max(100).optional(),
    /** Spans of the captured conversation to send as "[redacted]". */
    redactions: z.array(CaptureSpan).max(1000).optional(),
  }),
  z.strictObject({ type: z.literal('panel.close'), sessionId }),
  z.strictObject({ type: z.literal('draft.save'), sessionId, state: DraftState }),
  z.strictObject({ type: z.literal('task.open'), taskId: z.string().min(1).max(100) }),
  /** The signed-in reviewer's passage comments on a page, unsent and sent, to highlight. */
  z.strictObject({ type: z.literal('page.passages'), url: z.url().max(8192) }),
  /** The expert's next open task after this one (or the first), as a new panel session. */
  z.strictObject({ type: z.literal('task.next'), after: z.string().min(1).max(100).optional() }),
  z.strictObject({ type: z.literal('outbox.detail'), id: z.uuid() }),
  z.strictObject({ type: z.literal('projects.list') }),
  z.strictObject({ type: z.literal('projects.claim'), projectId: z.uuid() }),
  z.strictObject({ type: z.literal('projects.agreement'), projectId: z.uuid() }),
  z.strictObject({ type: z.literal('audit.list'), filters: ReviewFilters }),
  z.strictObject({
    type: z.literal('audit.decide'),
    submissionId: z.uuid(),
    // A fix is made in the review panel (audit.fix) and sent from there.
    action: z.enum(['accept', 'reject', 'return']),
    comment: z.string().max(LIMITS.reviewerText),
  }),
  /** Opens the review panel on a copy of the expert's review, for the lead to correct. */
  z.strictObject({ type: z.literal('audit.fix'), stored: StoredSubmission }),
  z.strictObject({ type: z.literal('audit.matching'), ...PageTurns.shape }),
  z.strictObject({ type: z.literal('page.auditing') }),
  z.strictObject({ type: z.literal('page.reviews'), ...PageTurns.shape }),
  z.strictObject({ type: z.literal('auth.signIn'), serverUrl: z.string().max(2000), token: z.string().max(500) }),
  /** Sign in with a one-time invite code from a lead: the server makes the account and its token. */
  z.strictObject({ type: z.literal('auth.redeem'), serverUrl: z.string().max(2000), code: z.string().max(100) }),
  /** A lead invites a new expert to the team: a one-time code to hand them. */
  z.strictObject({
    type: z.literal('invite.create'),
    name: z.string().trim().min(1).max(200),
    specialty: Specialty.optional(),
  }),
  z.strictObject({ type: z.literal('auth.signOut') }),
  z.strictObject({ type: z.literal('state.get') }),
  z.strictObject({ type: z.literal('tasks.refresh') }),
  z.strictObject({ type: z.literal('outbox.retry') }),
  z.strictObject({ type: z.literal('outbox.export') }),
  z.strictObject({ type: z.literal('selection.review'), tabId: z.int().min(0) }),
]);
export type BackgroundRequest = z.infer<typeof BackgroundRequest>;
export type BackgroundRequestType = BackgroundRequest['type'];

export type SenderKind = 'content' | 'panel' | 'popup' | 'audit' | 'options';

export const ALLOWED_SENDERS: Record<BackgroundRequestType, readonly SenderKind[]> = {
  'review.approve': ['content', 'popup'],
  'panel.open': ['content'],
  'panel.session': ['panel'],
  'panel.submit': ['panel'],
  'panel.close': ['panel'],
  'draft.save': ['panel'],
  'task.open': ['popup'],
  'page.passages': ['content'],
  'task.next': ['panel'],
  'outbox.detail': ['popup'],
  'projects.list': ['popup', 'audit'],
  'projects.claim': ['popup'],
  'projects.agreement': ['popup', 'audit'],
  'audit.list': ['popup', 'audit'],
  'audit.decide': ['audit', 'panel'],
  'audit.fix': ['audit', 'panel'],
  'audit.matching': ['audit', 'panel'],
  'page.auditing': ['content'],
  'page.reviews': ['content'],
  'auth.signIn': ['popup', 'options'],
  'auth.redeem': ['popup', 'options'],
  'invite.create': ['popup'],
  'auth.signOut': ['popup', 'options'],
  'state.get': ['popup', 'options'],
  'tasks.refresh': ['popup'],
  'outbox.retry': ['popup', 'options'],
  'outbox.export': ['popup', 'options'],
  'selection.review': ['popup'],
};

export type AuthState =
  | { status: 'signed-out' }
  /** `expired`: the server refused the token; delivery waits for a new sign-in. */
  | { status: 'signed-in' | 'expired'; serverUrl: string; me: Me };

/**
 * An assigned task as the popup lists it: its line, without its body
 * (prompts and responses), so that a thousand tasks cross quickly.
 */
export interface TaskLine {
  id: string;
  title: string;
  kind: AssignedTask['task']['kind'];
  specialty: AssignedTask['task']['specialty'];
  estimatedMinutes: number;
  status: AssignedTask['status'];
  dueAt?: string;
  returnComment?: string;
  rerating?: true;
}

export function taskLine({ task, status, dueAt, returnComment, rerating }: AssignedTask): TaskLine {
  return {
    id: task.id,
    title: task.title,
    kind: task.kind,
    specialty: task.specialty,
    estimatedMinutes: task.estimatedMinutes,
    status,
    ...(dueAt ? { dueAt } : {}),
    ...(returnComment ? { returnComment } : {}),
    ...(rerating ? { rerating } : {}),
  };
}

export interface PopupState {
  auth: AuthState;
  tasks: TaskLine[];
  projects: Project[];
  tasksError?: string;
  outbox: OutboxSummary;
}

/** A passage comment to highlight on a page: which message it is in, and where (its text stays in the extension). */
export interface PagePassage {
  /** The message, as `turnKey` knows it. */
  turn: string;
  quote: TextQuote;
  category: PassageCategory;
}

export interface PanelSession {
  /** What is reviewed; absent when a task asks for a prompt to be written. */
  capture?: Capture;
  focus: PanelFocus;
  /** The task the panel was opened for, if any: the review fulfils it. */
  task?: { id: string; title: string; rationaleRequired?: boolean };
  /** The expert's open tasks (not yet submitted), to link a page review to one. */
  tasks: { id: string; title: string }[];
  /** The panel's form state as last saved, to carry on where the reviewer left off. */
  draft?: unknown;
  /** A lead correcting an expert's review: the panel starts from it and sends an audit "fix". */
  fix?: { submissionId: string; expert: string; review: Review };
  /** The guidelines (markdown) of the task's project; `first`: shown open, before the project's first task. */
  guidelines?: { markdown: string; first: boolean };
  /** Where the task stands among the expert's open tasks: its place (from 1), and how many are left after it. */
  queue?: { position: number; open: number };
  /** What the task's project asks in the clinical assessment (absent: every standard axis, no questions). */
  assessment?: AssessmentConfig;
}

/** What each request answers. */
export interface BackgroundReplies {
  /** Held: the conversation may hold patient data, so it is not sent without a look in the review panel. */
  'review.approve': { status: 'queued'; submissionId: string } | { status: 'held'; findings: number };
  'panel.open': null;
  'panel.session': PanelSession;
  'panel.submit': null;
  'panel.close': null;
  'draft.save': null;
  'task.open': null;
  'page.passages': PagePassage[];
  /** The next task's panel session; null when no task is left. */
  'task.next': { sessionId: string } | null;
  'outbox.detail': null;
  'projects.list': Project[];
  /** The task claimed, opened in the panel; null when none waits. */
  'projects.claim': { taskId: string } | null;
  'projects.agreement': AgreementReport;
  'audit.list': SubmissionPage;
  'audit.decide': { auditId: string };
  /** The panel's session: a framed panel moves to it, a standalone one was opened in a tab. */
  'audit.fix': { sessionId: string };
  /** The team's reviews of the page, and for each turn sent, which of them are about it. */
  'audit.matching': { reviews: StoredSubmission[]; byTurn: number[][] };
  /** Whether the signed-in user audits (is a lead or an admin): only then are pages read for audit. */
  'page.auditing': boolean;
  /** For each turn sent, a one-line summary of the team's reviews of it; null where there are none. */
  'page.reviews': (string | null)[];
  'auth.signIn': Me;
  'auth.redeem': Me;
  'invite.create': Invite;
  'auth.signOut': null;
  'state.get': PopupState;
  'tasks.refresh': null;
  'outbox.retry': null;
  /** Every queued review, one JSON object a line. */
  'outbox.export': { jsonl: string; count: number };
  'selection.review': null;
}

/** Replies carry errors as values: exceptions do not survive extension messaging. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };
