/** A queued submission and its delivery state, as the outbox stores it. */
import type { Submission } from '../schema/submission';

interface Base {
  /** The submission id: the idempotency key the server stores once. */
  id: string;
  submission: Submission;
  /** Enqueue time (ms since epoch); delivery follows this order. */
  createdAt: number;
  attempts: number;
}

export type OutboxItem = Base &
  (
    | { state: 'pending'; nextAttemptAt: number; lastError?: string }
    /** The server refused it for good; kept until the user retries or exports it. */
    | { state: 'failed'; lastError: string }
    /** Acknowledged by the server; kept a while so the popup can show it. */
    | { state: 'sent'; sentAt: number }
  );

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
}

export interface OutboxSummary {
  counts: Record<OutboxState, number>;
  lines: OutboxLine[];
}

export function outboxLine(item: OutboxItem): OutboxLine {
  const { review, capture } = item.submission;
  const turn = review.kind === 'rank' ? review.ranking[0]?.turn : review.turn;
  const text = (turn === undefined ? undefined : capture.turns[turn]?.text) ?? '';
  return {
    id: item.id,
    state: item.state,
    kind: review.kind,
    title: capture.title,
    preview: text.slice(0, 120),
    createdAt: item.createdAt,
    attempts: item.attempts,
    ...(item.state !== 'sent' && item.lastError ? { lastError: item.lastError } : {}),
    ...(item.state === 'sent' ? { sentAt: item.sentAt } : {}),
  };
}
