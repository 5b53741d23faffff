/**
 * Every request the background service worker accepts, declared once, with
 * who may send it and what it answers. The worker parses each inbound message
 * with `BackgroundRequest` and checks the sender against `ALLOWED_SENDERS`
 * before acting; anything else is refused.
 *
 *   content script (host page tab)  ──►  review.approve, panel.open
 *   review panel (iframe in the tab) ──►  panel.session, panel.submit, panel.close
 *   popup                            ──►  review.approve, auth.*, state.get, tasks.refresh, outbox.retry,
 *                                         selection.review
 */
import { z } from 'zod';
import type { OutboxSummary } from '../outbox/item';
import type { Me } from '../schema/api';
import { Capture } from '../schema/capture';
import { Review, turnIndex } from '../schema/review';
import type { AssignedTask } from '../schema/task';

/** What the review panel opens on. */
export const PanelFocus = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('improve'), turn: turnIndex }),
  z.strictObject({ kind: z.literal('rank'), turns: z.array(turnIndex).min(2) }),
]);
export type PanelFocus = z.infer<typeof PanelFocus>;

const sessionId = z.uuid();

export const BackgroundRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('review.approve'), capture: Capture, turn: turnIndex }),
  z.strictObject({ type: z.literal('panel.open'), capture: Capture, focus: PanelFocus }),
  z.strictObject({ type: z.literal('panel.session'), sessionId }),
  z.strictObject({
    type: z.literal('panel.submit'),
    sessionId,
    review: Review,
    taskId: z.string().min(1).max(100).optional(),
  }),
  z.strictObject({ type: z.literal('panel.close'), sessionId }),
  z.strictObject({ type: z.literal('auth.signIn'), serverUrl: z.string().max(2000), token: z.string().max(500) }),
  z.strictObject({ type: z.literal('auth.signOut') }),
  z.strictObject({ type: z.literal('state.get') }),
  z.strictObject({ type: z.literal('tasks.refresh') }),
  z.strictObject({ type: z.literal('outbox.retry') }),
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
  'auth.signIn': ['popup'],
  'auth.signOut': ['popup'],
  'state.get': ['popup'],
  'tasks.refresh': ['popup'],
  'outbox.retry': ['popup'],
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
  capture: Capture;
  focus: PanelFocus;
  tasks: AssignedTask[];
}

/** What each request answers. */
export interface BackgroundReplies {
  'review.approve': { submissionId: string };
  'panel.open': { sessionId: string };
  'panel.session': PanelSession;
  'panel.submit': { submissionId: string };
  'panel.close': null;
  'auth.signIn': Me;
  'auth.signOut': null;
  'state.get': PopupState;
  'tasks.refresh': null;
  'outbox.retry': null;
  'selection.review': null;
}

/** Replies carry errors as values: exceptions do not survive extension messaging. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };
