/**
 * Grok (grok.com, chats and share pages). Owns finding Grok's messages, their
 * ids, the mode that answered, and the thinking block shown apart from the
 * answer. Grok marks few things semantically: each message is a
 * `response-<uuid>` row and its role shows only in the layout (prompts are
 * aligned to the end, responses to the start), so the layout classes are the
 * primary hook, with test ids, the thinking block and the alternation of
 * prompts and responses as fallbacks.
 */
import type { SiteAdapter, TurnElement } from '../adapter';
import { findMessages, hasText, KATEX_NOISE, type Layout, matchFirst } from './shared';

/** Every selector this adapter reads; in each list the primary first, then its fallbacks. */
const SELECTORS = {
  /** One row per message, its id "response-<message uuid>" (2026-03 main fragment, 2026-04 full page). */
  row: '[id^="response-"]',
  /** The messages and their roles, one layout after another. */
  layouts: [
    // 2026-03 main fragment, 2026-04 full page: rows aligned by role.
    { user: '[id^="response-"].items-end', assistant: '[id^="response-"].items-start' },
    // Reported for 2026-09, no saved page: the bubbles carry test ids.
    { user: '[data-testid="user-message"]', assistant: '[data-testid="assistant-message"]' },
    // 2025-2026 rows without ids: bubbles in an aligned row.
    { user: '.items-end .message-bubble', assistant: '.items-start .message-bubble' },
  ] satisfies Layout[],
  /** A row with neither alignment holding one of these is a response (2026-03; 2026-09 report). */
  responseMarks: ['[data-testid="assistant-message"]', '.thinking-container'],
  /** The message's own content, without its action bar (2026-03, 2026-04). */
  body: ['.message-bubble'],
  /** The thinking block over the answer: a "Thought for 6s" button, and the thoughts once expanded (2026-03). */
  reasoning: ['.thinking-container'],
  /** The mode that answered ("Fast"), beside the response time in the action bar (2026-04 full page). */
  model: ['.action-buttons .capitalize', '.action-buttons .select-none > span'],
  /** Subtrees that are never message text. */
  noise: [
    '.thinking-container', // 2026-03: read as reasoning instead
    '.action-buttons', // 2026-03, 2026-04: buttons, response time and mode
    '[data-testid="code-block"] .select-none', // 2026-03: a code block's language caption
  ],
  /** Marks of a response still being written. */
  busy: '[aria-busy="true"], [data-state="loading"], svg[aria-label="Loading"]',
};

const HOSTS = new Set(['grok.com']);
const NOISE = [...SELECTORS.noise, KATEX_NOISE].join(', ');
const MESSAGE_ID = /^response-(.+)$/;
/** The action bar also shows the response time ("800ms"), which is no model name. */
const DURATION = /^\d+(?:\.\d+)?\s*(?:ms|s|m)$/;

function turnOf(el: Element, role: TurnElement['role']): TurnElement {
  const messageId = MESSAGE_ID.exec(el.closest(SELECTORS.row)?.id ?? '')?.[1];
  const body = matchFirst(el, SELECTORS.body);
  const turn: TurnElement = { el, role, ...(messageId ? { messageId } : {}), ...(body ? { body } : {}) };
  if (role === 'user') return turn;
  const reasoning = matchFirst(el, SELECTORS.reasoning);
  const model = SELECTORS.model
    .map((selector) => el.querySelector(selector)?.textContent?.trim())
    .find((text) => text && !DURATION.test(text));
  return {
    ...turn,
    ...(reasoning && hasText(reasoning, NOISE) ? { reasoning } : {}),
    ...(model ? { model: model.slice(0, 200) } : {}),
  };
}

/** Rows whose alignment is unknown: a marked row is a response, otherwise prompts and responses alternate. */
function byAlternation(rows: Element[]): TurnElement[] {
  let previous: TurnElement['role'] = 'assistant';
  return rows.map((el) => {
    previous = matchFirst(el, SELECTORS.responseMarks) || previous === 'user' ? 'assistant' : 'user';
    return turnOf(el, previous);
  });
}

export const grokAdapter: SiteAdapter = {
  id: 'grok',
  name: 'Grok',
  matches: (url) => HOSTS.has(url.hostname),
  findTurns(root) {
    const found = findMessages(root, SELECTORS.layouts);
    if (found.length > 0) return found.map(({ el, role }) => turnOf(el, role));
    return byAlternation(Array.from(root.querySelectorAll(SELECTORS.row)));
  },
  isStreaming({ el, role }) {
    return role === 'assistant' && (el.closest(SELECTORS.busy) !== null || el.querySelector(SELECTORS.busy) !== null);
  },
  noise: NOISE,
};
