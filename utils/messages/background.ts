/**
 * Every request the background service worker accepts, declared once, with
 * who may send it and what it answers. The worker parses each inbound message
 * with `BackgroundRequest` and checks the sender against `ALLOWED_SENDERS`
 * before acting; anything else is refused.
 *
 *   content script (host page tab)  ──►  review.approve, panel.open
 *   review panel (iframe, or a tab)  ──►  panel.session, panel.submit, panel.close, draft.save
 *   popup                            ──►  review.approve, auth.*, state.get, tasks.refresh, outbox.*,
 *                                         selection.review, task.open, outbox.detail
 */
import { z } from 'zod';
import type { OutboxSummary } from '../outbox/item';
import type { Me } from '../schema/api';
import { Capture } from '../schema/capture';
import type { RubricCriterion } from '../schema/clinical';
import { Review, turnIndex } from '../schema/review';
import type { AssignedTask } from '../schema/task';

/**
 * What a page may open the review panel on: one response (starting on its
 * review or on its steps), or the responses to one prompt, to rank.
 */
export const PageFocus = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('response'), turn: turnIndex, start: z.enum(['review', 'steps']) }),
  z.strictObject({ kind: z.literal('rank'), turns: z.array(turnIndex).min(2) }),
]);
export type PageFocus = z.infer<typeof PageFocus>;

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
  z.strictObject({ type: z.literal('panel.open'), capture: Capture, focus: PageFocus }),
  z.strictObject({ type: z.literal('panel.session'), sessionId }),
  z.strictObject({
    type: z.literal('panel.submit'),
    sessionId,
    review: Review,
    taskId: z.string().min(1).max(100).optional(),
  }),
  z.strictObject({ type: z.literal('panel.close'), sessionId }),
  z.strictObject({ type: z.literal('draft.save'), sessionId, state: DraftState }),
  z.strictObject({ type: z.literal('task.open'), taskId: z.string().min(1).max(100) }),
  z.strictObject({ type: z.literal('outbox.detail'), id: z.uuid() }),
  z.strictObject({ type: z.literal('auth.signIn'), serverUrl: z.string().max(2000), token: z.string().max(500) }),
  z.strictObject({ type: z.literal('auth.signOut') }),
  z.strictObject({ type: z.literal('state.get') }),
  z.strictObject({ type: z.literal('tasks.refresh') }),
  z.strictObject({ type: z.literal('outbox.retry') }),
  z.strictObject({ type: z.literal('outbox.export') }),
  z.strictObject({ type: z.literal('selection.review'), tabId: z.int().min(0) }),
]);
export type BackgroundRequest = z.infer<typeof BackgroundRequest>;
export type BackgroundRequestType = BackgroundRequest['type'];

export type SenderKind = 'content' | 'panel' | 'popup';

export const ALLOWED_SENDERS: Record<BackgroundRequestType, readonly SenderKind[]> = {
  'review.approve': ['content', 'popup'],
  'panel.open': ['content'],
  'panel.session': ['panel'],
  'panel.submit': ['panel'],
  'panel.close': ['panel'],
  'draft.save': ['panel'],
  'task.open': ['popup'],
  'outbox.detail': ['popup'],
  'auth.signIn': ['popup'],
  'auth.signOut': ['popup'],
  'state.get': ['popup'],
  'tasks.refresh': ['popup'],
  'outbox.retry': ['popup'],
  'outbox.export': ['popup'],
  'selection.review': ['popup'],
};

export type AuthState =
  | { status: 'signed-out' }
  /** `expired`: the server refused the token; delivery waits for a new sign-in. */
  | { status: 'signed-in' | 'expired'; serverUrl: string; me: Me };

export interface PopupState {
  auth: AuthState;
  tasks: AssignedTask[];
  tasksError?: string;
  outbox: OutboxSummary;
}

export interface PanelSession {
  /** What is reviewed; absent when a task asks for a prompt to be written. */
  capture?: Capture;
  focus: PanelFocus;
  /** The task the panel was opened for, if any: the review fulfils it. */
  task?: { id: string; title: string; rationaleRequired?: boolean };
  /** The expert's assigned tasks, to link a page review to one. */
  tasks: AssignedTask[];
  /** The panel's form state as last saved, to carry on where the reviewer left off. */
  draft?: unknown;
}

/** What each request answers. */
export interface BackgroundReplies {
  'review.approve': { submissionId: string };
  'panel.open': { sessionId: string };
  'panel.session': PanelSession;
  'panel.submit': { submissionId: string };
  'panel.close': null;
  'draft.save': null;
  'task.open': null;
  'outbox.detail': null;
  'auth.signIn': Me;
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
