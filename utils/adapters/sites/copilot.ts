/**
 * Microsoft Copilot (copilot.microsoft.com, copilot.com): its conversations.
 * Owns Copilot's selectors and how each turn's text and id are found. The
 * page holds one answer per prompt: its "Regenerate" popover is a menu of
 * actions, not a set of alternative responses, so it yields no variants.
 * Copilot names no model per response (the composer's "Smart" pill is a mode
 * for the next prompt), so turns carry none.
 */
import type { SiteAdapter, TurnElement } from '../adapter';
import { findMessages, type Layout } from './shared';

const HOSTS = new Set(['copilot.microsoft.com', 'copilot.com']);

/**
 * Every selector this adapter uses; the comments name the saved pages
 * (test/fixtures/sites/copilot/) each must match.
 */
const SELECTORS = {
  /** Where the messages are, most specific layout first. */
  layouts: [
    // data-content on each message (2025-08 fragment, 2026-03 main).
    { user: '[data-content="user-message"]', assistant: '[data-content="ai-message"]' },
    // The articles around them, should data-content go (2026-03 main; the user article also 2025-08).
    { user: '[role="article"][id$="-user-message"]', assistant: '[role="article"][data-testid="ai-message"]' },
  ] satisfies Layout[],
  /** The prompt's article; its id is "<message id>-user-message" (2025-08, 2026-03). */
  userArticle: '[id$="-user-message"]',
  /** The response's label, id "<message id>-author", named by its aria-labelledby (2025-08, 2026-03). */
  author: '[id$="-author"]',
  /** Still being written: a busy region in the response (in no saved page). */
  busy: '[aria-busy="true"]',
  /** The composer's stop button, there while the last response streams (public Copilot scripts, 2025; in no saved page). */
  stop: '[data-testid="stop-button"]',
  /** Never part of a message's text. */
  noise: [
    // What Copilot itself leaves out of copies: "You said" / "Copilot said" labels,
    // reaction bars, copy buttons (2025-08, 2026-03).
    '[data-copy="false"]',
    '[data-testid$="-reactions"]',
    // A code block's language label ("bash", "python", "Code") in its header (2025-08, 2026-03).
    'span.capitalize',
    // The regenerate popover and other dialogs, when open.
    '[role="dialog"]',
    'dialog',
  ].join(', '),
} as const;

/** Copilot's id of a message: the stem of "<id>-user-message", "<id>-author" or "<id>-content-0". */
function messageIdOf(el: Element): string | undefined {
  const ids = [
    el.closest(SELECTORS.userArticle)?.id,
    ...(el.getAttribute('aria-labelledby') ?? '').split(/\s+/),
    el.querySelector(SELECTORS.author)?.id,
  ];
  for (const id of ids) {
    const stem = id && /^(.+?)-(?:user-message|author|content-\d+)$/.exec(id)?.[1];
    if (stem) return stem;
  }
  return undefined;
}

function findTurns(root: ParentNode): TurnElement[] {
  return findMessages(root, SELECTORS.layouts).map(({ el, role }) => {
    const messageId = messageIdOf(el);
    return { el, role, ...(messageId ? { messageId } : {}) };
  });
}

export const copilotAdapter: SiteAdapter = {
  id: 'copilot',
  name: 'Copilot',
  matches: (url) => HOSTS.has(url.hostname),
  findTurns,
  isStreaming({ el, role }) {
    if (role !== 'assistant') return false;
    if (el.matches(SELECTORS.busy) || el.querySelector(SELECTORS.busy)) return true;
    // The stop button belongs to the composer, so it says only that the last response is still being written.
    const page = el.ownerDocument;
    if (!page.querySelector(SELECTORS.stop)) return false;
    return findTurns(page).findLast((turn) => turn.role === 'assistant')?.el === el;
  },
  noise: SELECTORS.noise,
};
