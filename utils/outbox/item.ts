/** A queued review (or a lead's decision on one) and its delivery state, as the outbox stores it. */

import { i18n } from '#i18n';
import type { Audit } from '../schema/audit';
import { reviewedTurns } from '../schema/review';
import type { Submission } from '../schema/submission';

/**
 * Whose review this is. An item is delivered only with its own account's
 * token, so a review is never credited to whoever signs in next on the browser.
 */
export interface Account {
  /** The user's id on the server: a UUID, unique across servers, and the same however the server's address was typed. */
  key: string;
  name: string;
}

export function accountOf(user: { id: string; name: string }): Account {
  return { key: user.id, name: user.name };
}

/** What an item delivers: a review, or a lead's decision on one. */
export type Payload = { submission: Submission; audit?: undefined } | { audit: Audit; submission?: undefined };

export function payloadOf(item: Payload): Payload {
  return item.audit ? { audit: item.audit } : { submission: item.submission };
}

type Base = Payload & {
  /** The submission's (or audit's) id: the idempotency key the server stores once. */
  id: string;
  account: Account;
  /** Enqueue time (ms since epoch); delivery follows this order. */
  createdAt: number;
  attempts: number;
};

type Delivery =
  | {
      state: 'pending';
      nextAttemptAt: number;
      lastError?: string;
      /** Attempts the server answered with an error of its own (5xx): a sign the item itself may be the trouble. */
      serverErrors?: number;
    }
  /** The server refused it for good; kept until the user retries or exports it. */
  | { state: 'failed'; lastError: string }
  /** Acknowledged by the server; kept a while so the popup can show it. */
  | { state: 'sent'; sentAt: number };

export type OutboxItem = Base & Delivery;

/** The same item in another delivery state; `attempted` counts one more delivery attempt. */
export function moveTo(item: OutboxItem, delivery: Delivery, attempted: boolean): OutboxItem {
  const { id, account, createdAt } = item;
  return { id, ...payloadOf(item), account, createdAt, attempts: item.attempts + (attempted ? 1 : 0), ...delivery };
}

export type OutboxState = OutboxItem['state'];
export type PendingItem = Extract<OutboxItem, { state: 'pending' }>;

/** One line of the popup's outbox list. */
export interface OutboxLine {
  id: string;
  state: OutboxState;
  kind: string;
  title: string;
  preview: string;
  createdAt: number;
  attempts: number;
  lastError?: string;
  sentAt?: number;
  /** The reviewer, when it is not the one signed in: it waits for them. */
  owner?: string;
}

export interface OutboxSummary {
  counts: Record<OutboxState, number>;
  lines: OutboxLine[];
  /** Set when the queue grows large enough to warn about (see QUEUE_WARNING). */
  warning?: string;
}

/** Warn when this many reviews wait, or when the extension uses this share of its storage quota. */
const QUEUE_WARNING = { items: 500, quotaShare: 0.5 };

export function queueWarning(waiting: number, storage: { usage?: number; quota?: number }): string | undefined {
  const share = storage.usage !== undefined && storage.quota ? storage.usage / storage.quota : 0;
  if (waiting < QUEUE_WARNING.items && share < QUEUE_WARNING.quotaShare) return undefined;
  return share >= QUEUE_WARNING.quotaShare
    ? i18n.t('worker.queue.warningStorage', waiting, { percent: Math.round(share * 100) })
    : i18n.t('worker.queue.warning', waiting);
}

/** What a line shows of an item: its kind, a title and the start of its text. */
function summarise(item: Payload): { kind: string; title: string; preview: string } {
  if (item.audit)
    return { kind: `audit: ${item.audit.action}`, title: i18n.t('worker.queue.decision'), preview: item.audit.comment };
  const { review, capture } = item.submission;
  const [turn] = reviewedTurns(review);
  const text =
    review.kind === 'prompt' ? review.prompt : ((turn === undefined ? undefined : capture?.turns[turn]?.text) ?? '');
  return { kind: review.kind, title: capture?.title ?? i18n.t('worker.queue.writtenPrompt'), preview: text };
}

export function outboxLine(item: OutboxItem, currentAccount: string | undefined): OutboxLine {
  const { kind, title, preview } = summarise(item);
  return {
    id: item.id,
    state: item.state,
    kind,
    title,
    preview: preview.slice(0, 120),
    createdAt: item.createdAt,
    attempts: item.attempts,
    ...(item.state !== 'sent' && item.lastError ? { lastError: item.lastError } : {}),
    ...(item.state === 'sent' ? { sentAt: item.sentAt } : {}),
    ...(item.account.key !== currentAccount ? { owner: item.account.name } : {}),
  };
}
