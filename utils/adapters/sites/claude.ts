/**
 * Claude (claude.ai): its conversations. Owns Claude's
 * selectors and how each turn's answer, thinking, model and streaming state
 * are found. Claude unmounts messages scrolled far out of view in long chats:
 * this reads whatever is mounted, in page order.
 *
 * A response's thinking sits inside it, above the answer, behind a status
 * pill ("Thought for 3s", or a one-line summary). The pill's caption is never
 * text; the thinking itself is reasoning only when the page holds it (the pill
 * is open, or the layout keeps it mounted), and is never part of the answer.
 *
 * Claude shows no model per response. The composer's model picker names the
 * model of the next reply, not of earlier ones (the model can be switched
 * mid-chat), so responses carry no model rather than a possibly wrong one.
 */
import type { SiteAdapter, TurnElement } from '../adapter';
import { findMessages, hasText, KATEX_NOISE, type Layout, matchFirst, outermost } from './shared';

const HOSTS = new Set(['claude.ai']);

/**
 * Every selector this adapter uses. Lists are [primary, ...fallbacks], tried
 * in order; the comments name the saved pages (test/fixtures/sites/claude/)
 * each must match.
 */
const SELECTORS = {
  /** Where the messages are, most specific layout first. */
  layouts: [
    // The response container's streaming flag (2025-08, 2026-04, 2026-05).
    { user: '[data-testid="user-message"]', assistant: '[data-is-streaming]' },
    // The response's content by class, should the flag go (2026-04 and 2026-05; 2025-08 before the rename).
    { user: '[data-testid="user-message"]', assistant: '.font-claude-response, .font-claude-message' },
    // The prompt by class too (2026-04, 2026-05: `!font-user-message`).
    { user: '[class*="font-user-message"]', assistant: '.font-claude-response, .font-claude-message' },
  ] satisfies Layout[],
  /** The answer in a response, without its screen-reader heading and action bar (2025-08, 2026-04, 2026-05). */
  body: ['.font-claude-response', '.font-claude-message'],
  /**
   * The thinking's text, never part of the answer: the pane right after a
   * status pill's live caption, mounted only while the pill is open (2026-04,
   * 2026-05 hold it closed, the pane empty); the Extended Thinking block, kept
   * mounted while closed (2026-02 as public exporters describe it; no saved page).
   */
  reasoning: ['[role="status"] + *', '[class~="group/thinking"]'],
  /** A response still being written (2025-08, 2026-04, 2026-05 have "false"). */
  streaming: '[data-is-streaming="true"]',
  /** Never part of a message's text, besides the thinking. */
  noise: [
    // A status pill's live caption, "Thought for 3s" (2026-04, 2026-05).
    '[role="status"]',
    // A code block's copy button and language label, before the code (2026-05).
    '[role="group"][aria-label$=" code"] > :not(:last-child)',
    // KaTeX's MathML copy of a formula, read as its TeX (2026-05).
    KATEX_NOISE,
  ],
} as const;

const NOISE = [...SELECTORS.reasoning, ...SELECTORS.noise].join(', ');

function responseTurn(el: Element): TurnElement {
  const body = el.matches(SELECTORS.body.join(', ')) ? undefined : matchFirst(el, SELECTORS.body);
  // With several thinking blocks (thinking between tool calls), the first that holds text is the reasoning.
  const reasoning = outermost(body ?? el, SELECTORS.reasoning.join(', ')).find((r) => hasText(r, NOISE));
  return {
    el,
    role: 'assistant',
    ...(body ? { body } : {}),
    ...(reasoning ? { reasoning } : {}),
  };
}

export const claudeAdapter: SiteAdapter = {
  id: 'claude',
  name: 'Claude',
  matches: (url) => HOSTS.has(url.hostname),
  findTurns(root) {
    return findMessages(root, SELECTORS.layouts).map(({ el, role }) =>
      role === 'user' ? { el, role } : responseTurn(el),
    );
  },
  isStreaming: ({ el, role }) =>
    role === 'assistant' &&
    (el.closest(SELECTORS.streaming) !== null || el.querySelector(SELECTORS.streaming) !== null),
  noise: NOISE,
};
