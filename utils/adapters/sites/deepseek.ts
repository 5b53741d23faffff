/**
 * DeepSeek (chat.deepseek.com, chats and share pages). Owns finding DeepSeek's
 * messages, splitting a response into its answer and its reasoning, and
 * telling when a response is still being written. DeepSeek's own class names
 * are build hashes that change between releases; what holds is its design
 * system's `ds-` classes and the virtual list the chat is rendered in, so
 * those come first and the hashes seen for longest come last.
 */
import type { SiteAdapter, TurnElement } from '../adapter';
import { enclosing, hasText, KATEX_NOISE, matchAll } from './shared';

/** Every selector this adapter reads; in each list the primary first, then its fallbacks. */
const SELECTORS = {
  /** One element per message. */
  turn: {
    message: '.ds-message', // 2026-05 fragment: design-system class, both roles
    item: '[data-virtual-list-item-key]', // 2026-05 fragment: the list item around each message
    hashed: '._9663006, ._4f9bf79', // prompt / response item hashes: early 2025, still in the 2026-05 fragment
  },
  /** What makes a message a response; a prompt is plain text (2026-05 fragment, 2025). */
  response: '.ds-markdown, .ds-think-content, .e1675d8b',
  /** The answer of a response. */
  answer: [
    '.ds-assistant-message-main-content', // 2026-05 fragment
    '.ds-markdown--block', // 2025
    '.ds-markdown', // any; the reasoning is a `.ds-markdown` too, so those inside it are left out
  ],
  /** The reasoning block, in the DOM only while expanded (2025-2026; early 2025 build hash). */
  thinking: '.ds-think-content, .e1675d8b',
  /** The reasoning text; the "Thought for 37 seconds" header (2026-05 fragment) sits outside it. */
  reasoning: [
    '.ds-think-content .ds-markdown', // 2025-2026: the thoughts alone, without a status line
    '.ds-think-content', // 2025-2026
    '.e1675d8b', // early 2025
  ],
  /** The message's action bar (copy, regenerate, …), drawn once the response is complete. */
  actions: [
    '.ds-icon-button', // 2026-05 fragment
    '.ds-button--iconLabelTertiary', // reported for 2026-09, no saved page
  ],
  /** Parts of an answer that are controls, not content: a code block's language and Copy/Download bar (2026-05). */
  codeBanner: '.md-code-block-banner-wrap, .md-code-block-banner',
  /** The prompt box: a chat page has one, a share page does not (2026-05 fragment). */
  composer: 'textarea',
  busy: '[aria-busy="true"]',
};

const HOSTS = new Set(['chat.deepseek.com']);
const NOISE = [SELECTORS.thinking, SELECTORS.codeBanner, KATEX_NOISE].join(', ');

/** The list item of a message: it holds the message's action bar and key. */
function itemOf(el: Element): Element {
  return el.closest(SELECTORS.turn.item) ?? (el.matches(SELECTORS.turn.message) ? el.parentElement : null) ?? el;
}

/** The answer: the matches of the first answer selector found outside the reasoning, enclosed. */
function answerOf(el: Element): Element | undefined {
  for (const selector of SELECTORS.answer) {
    const found = matchAll(el, [selector]).filter((part) => !part.parentElement?.closest(SELECTORS.thinking));
    if (found.length > 0) return enclosing(found);
  }
  return undefined;
}

function turnOf(el: Element): TurnElement {
  // DeepSeek numbers the messages of a chat 1, 2, 3, … (its API's message_id) and keys its list by them.
  const messageId = itemOf(el).getAttribute('data-virtual-list-item-key')?.trim();
  const base = { el, ...(messageId ? { messageId } : {}) };
  if (!el.querySelector(SELECTORS.response)) return { ...base, role: 'user' };
  const body = answerOf(el);
  const reasoning = matchAll(el, SELECTORS.reasoning)[0];
  return {
    ...base,
    role: 'assistant',
    ...(body ? { body } : {}),
    ...(reasoning && hasText(reasoning, NOISE) ? { reasoning } : {}),
  };
}

/** Whether a message follows this list item. */
function hasLaterMessage(item: Element): boolean {
  for (let next = item.nextElementSibling; next; next = next.nextElementSibling) {
    if (next.textContent?.trim()) return true;
  }
  return false;
}

export const deepseekAdapter: SiteAdapter = {
  id: 'deepseek',
  name: 'DeepSeek',
  matches: (url) => HOSTS.has(url.hostname),
  findTurns: (root) => matchAll(root, Object.values(SELECTORS.turn)).map(turnOf),
  isStreaming({ el, role }) {
    if (role !== 'assistant') return false;
    if (el.closest(SELECTORS.busy) || el.querySelector(SELECTORS.busy)) return true;
    // The action bar appears when the response is complete. A share page has no prompt box and
    // may show no bar at all, so only the last response of a chat page counts as being written.
    const item = itemOf(el);
    return (
      !SELECTORS.actions.some((selector) => item.querySelector(selector)) &&
      !hasLaterMessage(item) &&
      (el.getRootNode() as ParentNode).querySelector(SELECTORS.composer) !== null
    );
  },
  noise: NOISE,
};
