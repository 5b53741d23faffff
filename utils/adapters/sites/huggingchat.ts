/**
 * HuggingChat (huggingface.co/chat), the public deployment of
 * huggingface/chat-ui. Owns its selectors and how each turn's text, id,
 * model and reasoning are found. chat-ui marks every message with
 * `data-message-id`; a response carries `data-message-role="assistant"`, a
 * prompt `data-message-type="user"`. A reasoning model's thinking sits in a
 * collapsible block beside the answer: its text is in the DOM only while the
 * block is open. Of a prompt's regenerated responses chat-ui renders only the
 * one chosen with the "< 1/2 >" switcher, so there are no hidden alternatives
 * to read.
 */
import type { SiteAdapter, TurnElement } from '../adapter';
import { findMessages, type Layout, matchFirst } from './shared';

const HOSTS = new Set(['huggingface.co']);

/**
 * Every selector this adapter uses. Lists are [primary, ...fallbacks], tried
 * in order. Source: huggingface/chat-ui src/lib/components/chat/
 * ChatMessage.svelte, OpenReasoningResults.svelte and Alternatives.svelte
 * (2025–2026), and ChatWindow.svelte for the conversation's model.
 */
const SELECTORS = {
  /** Where the messages are, most specific layout first. */
  layouts: [
    // Every chat-ui since early 2025: message ids on both roles.
    {
      user: '[data-message-id][data-message-type="user"], [data-message-id][data-message-role="user"]',
      assistant: '[data-message-id][data-message-role="assistant"]',
    },
    // The same role attributes, should the ids go.
    { user: '[data-message-type="user"], [data-message-role="user"]', assistant: '[data-message-role="assistant"]' },
  ] satisfies Layout[],
  /** A block of the answer's markdown; the reasoning's own markdown is the smaller `prose-sm`. */
  answer: '.prose:not(.prose-sm)',
  /** What holds reasoning, tool calls and cards rather than the answer (copy leaves it out too). */
  process: '[data-exclude-from-copy], details',
  /**
   * The reasoning's text, once its block is open: inside the process wrapper
   * (2026), bare (2025), or the body of the <details> block of early 2025
   * (web search's <details> has div.content).
   */
  reasoning: ['[data-exclude-from-copy] .prose-sm', '.prose-sm', 'details > summary ~ div:not(.content)'],
  /** The footer's model, "<route> with <model> via <provider>": a button on HuggingChat (2026), a link before. */
  routerModel: ['button.font-mono', 'a.font-mono[href*="/settings/"]'],
  /** The composer's "Model: <name>" link, naming the conversation's model when responses name none. */
  conversationModel: 'a[href*="/settings/"]:not([href*="/settings/assistants/"])',
  /** Still writing: the reasoning's shimmer and streaming viewport, or a busy part. */
  busy: '.thinking-shimmer, .thinking-viewport, [aria-busy="true"]',
  /** The composer's stop control, shown while the newest response is written. */
  stop: 'button[aria-label="Stop generating"], .stop-generating-btn',
  /** Never part of a message's text. */
  noise: [
    // Reasoning, tool calls and cards among the answer's blocks (2026).
    '[data-exclude-from-copy]',
    // An open reasoning block among them (2025).
    '.prose-sm',
    // The "< 1 / 2 >" switcher between regenerated responses or edited prompts.
    '[class*="group/navbranch"]',
  ].join(', '),
} as const;

const RESPONSE = SELECTORS.layouts.map((l) => l.assistant).join(', ');
const MODEL_LABEL = /^Model:\s*/;

function inside(el: Element, selector: string, within: Element): boolean {
  const outer = el.parentElement?.closest(selector);
  return !!outer && within.contains(outer);
}

/** The element holding the answer's markdown blocks (and, between them, reasoning and tool calls). */
function answerOf(el: Element): Element | undefined {
  const block = Array.from(el.querySelectorAll(SELECTORS.answer)).find((b) => !inside(b, SELECTORS.process, el));
  return block?.parentElement ?? undefined;
}

function routerModel(el: Element, body: Element | undefined): string | undefined {
  for (const selector of SELECTORS.routerModel) {
    const found = Array.from(el.querySelectorAll(selector)).find((m) => !body?.contains(m));
    const name = found?.textContent?.trim();
    if (name) return name;
  }
  return undefined;
}

/** The conversation's model as the composer names it: "Model: <name>" in the link or just before it. */
function conversationModel(root: ParentNode): string | undefined {
  for (const link of Array.from(root.querySelectorAll(SELECTORS.conversationModel))) {
    const own = link.textContent?.trim() ?? '';
    const label = MODEL_LABEL.test(own) ? own : (link.parentElement?.textContent?.trim() ?? '');
    const name = own.replace(MODEL_LABEL, '');
    if (MODEL_LABEL.test(label) && name) return name;
  }
  return undefined;
}

function responseTurn(el: Element, fallbackModel: string | undefined): TurnElement {
  const body = answerOf(el);
  const messageId = el.getAttribute('data-message-id')?.trim();
  const model = routerModel(el, body) ?? fallbackModel;
  const reasoning = matchFirst(el, SELECTORS.reasoning);
  return {
    el,
    role: 'assistant',
    ...(body ? { body } : {}),
    ...(messageId ? { messageId } : {}),
    ...(model ? { model } : {}),
    ...(reasoning ? { reasoning } : {}),
  };
}

export const huggingchatAdapter: SiteAdapter = {
  id: 'huggingchat',
  name: 'HuggingChat',
  matches: (url) => HOSTS.has(url.hostname) && url.pathname.startsWith('/chat'),
  findTurns(root) {
    const model = conversationModel(root);
    return findMessages(root, SELECTORS.layouts).map(({ el, role }): TurnElement => {
      if (role === 'assistant') return responseTurn(el, model);
      const messageId = el.getAttribute('data-message-id')?.trim();
      return { el, role, ...(messageId ? { messageId } : {}) };
    });
  },
  isStreaming({ el, role }) {
    if (role !== 'assistant') return false;
    if (el.querySelector(SELECTORS.busy)) return true;
    // The stop control is the composer's, so it speaks for the newest response only.
    const page = el.ownerDocument;
    if (!page.querySelector(SELECTORS.stop)) return false;
    return Array.from(page.querySelectorAll(RESPONSE)).at(-1) === el;
  },
  noise: SELECTORS.noise,
};
