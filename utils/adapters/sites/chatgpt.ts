/**
 * ChatGPT (chatgpt.com, chat.openai.com and their /share pages). This file
 * owns how ChatGPT's conversation DOM is read: which elements are the turns,
 * where an answer's reasoning is, the side-by-side comparison of two
 * responses, what inside a message is not its text (citation pills,
 * screen-reader headings), and the signs of a response still being written.
 *
 * Every selector is in SELECTORS; the code after it only combines them. The
 * turn element moved div → article → section over the years, so turns and
 * messages are found by their data-* hooks, never by tag.
 */
import type { Role } from '../../schema/capture';
import type { SiteAdapter, TurnElement } from '../adapter';
import { enclosing, outermost } from './shared';

const HOSTS = new Set(['chatgpt.com', 'chat.openai.com']);

/** A selector for the pages seen so far, and one to try when it matches nothing (or, where said, as well). */
interface Strategy {
  primary: string;
  fallback: string;
}

const SELECTORS = {
  /** A turn: a prompt, or what ChatGPT wrote for it (in the 2026-09 layout, a round holding both). */
  turn: {
    // article in 2025-06 and 2026-01, section in 2026-03, 2026-04 and the 2026-06 share page.
    primary: '[data-testid^="conversation-turn-"]',
    // data-turn: also on every turn from 2026-01 on, should the test ids go; data-turn-key: the
    // rounds of the 2026-09 layout exporters report (no capture here).
    fallback: '[data-turn="user"], [data-turn="assistant"], [data-turn-key]',
  },
  /** One message. A response can span several (tool calls, images): they are read as one turn. */
  message: {
    // Every fixture, 2025-06 → 2026-06, real and hand-made.
    primary: '[data-message-author-role="user"], [data-message-author-role="assistant"]',
    // The message units of the 2026-09 layout, whose key ends with the role ("<turn>:<n>:assistant").
    fallback: '[data-chatgpt-search-unit-key$=":user"], [data-chatgpt-search-unit-key$=":assistant"]',
  },
  /** One of the responses shown side by side under "Which response do you prefer?". */
  comparison: {
    // handmade_chatgpt_comparison_2x, after exporters' notes on the live page ("paragen").
    primary: '[data-paragen-root="true"]',
    // The same hook, should its value change.
    fallback: '[data-paragen-root]',
  },
  /** The rendered answer inside an assistant message. */
  answer: {
    // The answer body of the 2026-09 layout per exporters; answer 2 of handmade_chatgpt_reasoning_2x.
    primary: '[data-markdown-text-style="assistant-message"]',
    // 2025-06 → 2026-06, and answer 1 of handmade_chatgpt_reasoning_2x.
    fallback: '.markdown',
  },
  /** The reasoning behind an answer ("Thought for 12s"), when its text is on the page. */
  reasoning: {
    // Chain-of-thought blocks of 2026 builds (exporters report data-testid="cot-v5…", and test ids
    // naming reasoning or thinking): answer 2 of handmade_chatgpt_reasoning_2x.
    primary: '[data-testid^="cot-"], [data-testid*="reasoning"], [data-testid*="thinking"]',
    // The header of an expanded reasoning block, a button (never read) whose aria-controls names the
    // block: answer 1 of handmade_chatgpt_reasoning_2x, as o-series models showed it.
    fallback: '[aria-expanded="true"][aria-controls]',
  },
  /** Inside a message but not its text; both lists apply. */
  noise: {
    // Citation pills ("US EPA +1"): 2026-01, 2026-03 and the 2026-06 share page.
    primary: '[data-testid="webpage-citation-pill"]',
    // The caption over a code block ("Python"), which the page keeps out of selection: 2026-03. Other
    // pill kinds; and in the 2026-09 layout (exporters' reports, no capture) its citation links, the
    // caption bar over code blocks ("Plain text") and the unhidden "ChatGPT said:" headings.
    fallback:
      'pre .select-none, [data-testid$="-citation-pill"], a[data-testid="chatgpt-citation"], ' +
      '[data-markdown-copy="exclude"], [data-conversation-role]',
  },
  /** A response still being written, inside its turn; both lists apply. No saved page has one. */
  streaming: {
    // The answer being typed (2023-2024), and the status block of 2026 builds while they think or write.
    primary:
      '.result-streaming, [data-streaming-response-status="streaming"], [data-streaming-response-status="thinking"]',
    fallback: '[aria-busy="true"], [data-is-streaming="true"], .streaming-animation, .result-thinking',
  },
  /** The composer's stop button, there while the last response is written; both lists apply. */
  stop: {
    // 2024 → 2026; absent from the 2025-06 and 2026-04 full pages, which are not streaming.
    primary: '[data-testid="stop-button"]',
    fallback: 'button[aria-label="Stop streaming"], button[aria-label="Stop generating"]',
  },
} satisfies Record<string, Strategy>;

/** The strategy's primary selector if it matches anything in `root`, else its fallback. */
function pick(root: ParentNode, { primary, fallback }: Strategy): string {
  return root.querySelector(primary) ? primary : fallback;
}

function both({ primary, fallback }: Strategy): string {
  return `${primary}, ${fallback}`;
}

function attr(el: Element, name: string): string | undefined {
  const value = el.getAttribute(name)?.trim();
  return value ? value.slice(0, 200) : undefined;
}

/** A message's role; a side of a comparison read as a message has no role of its own: it is a response. */
function roleOf(message: Element): Role {
  const role = message.getAttribute('data-message-author-role');
  if (role === 'user' || role === 'assistant') return role;
  return message.getAttribute('data-chatgpt-search-unit-key')?.endsWith(':user') ? 'user' : 'assistant';
}

function messageIdOf(message: Element): string | undefined {
  return attr(message, 'data-message-id') ?? attr(message, 'data-chatgpt-search-message-ids')?.split(/\s+/)[0];
}

function byId(root: Element, id: string | null): Element | null {
  return id ? root.querySelector(`[id="${id.replace(/["\\]/g, '\\$&')}"]`) : null;
}

/**
 * The reasoning block of the response `el`, looked for in `scope` (its turn,
 * or its side of a comparison): a block that holds neither the response nor
 * its whole answer, and is not part of the answer's text.
 */
function reasoningOf(scope: Element, el: Element, answers: Element[]): Element | undefined {
  const isReasoning = (block: Element | null): block is Element =>
    block !== null &&
    !block.contains(el) &&
    !answers.some((answer) => answer.contains(block)) &&
    (answers.length === 0 || answers.some((answer) => !block.contains(answer)));
  const marked = outermost(scope, SELECTORS.reasoning.primary).find(isReasoning);
  if (marked) return marked;
  return outermost(scope, SELECTORS.reasoning.fallback)
    .map((header) => byId(scope, header.getAttribute('aria-controls')))
    .find(isReasoning);
}

/** For the page at hand, which selector of each strategy finds its turns, messages and comparisons. */
interface Layout {
  turn: string;
  message: string;
  comparison: string;
}

/** A turn from consecutive messages of one role, in one turn element and one side of a comparison. */
function turnOf(messages: [Element, ...Element[]], layout: Layout): TurnElement {
  // Several messages are read together, unless what holds them all holds other turns too (pages
  // without turn elements): then the last, the answer, is the turn.
  const span = enclosing(messages) ?? messages[0];
  const el = outermost(span, layout.message).length > messages.length ? (messages.at(-1) ?? span) : span;
  const role = roleOf(messages[0]);
  // Of several messages, the last is the answer (earlier ones are tool calls and the like).
  const messageId = messages.map(messageIdOf).findLast(Boolean);
  const model = messages.map((m) => attr(m, 'data-message-model-slug')).findLast(Boolean);
  const turn: TurnElement = { el, role, ...(messageId ? { messageId } : {}), ...(model ? { model } : {}) };
  if (role === 'user') return turn;

  const answers = outermost(el, pick(el, SELECTORS.answer));
  const side = el.closest(layout.comparison);
  const scope = side ?? el.closest(layout.turn) ?? el;
  // The regenerate pager swaps the response inside its turn, whose test id stays: that is its slot.
  const slot = side ? undefined : attr(scope, 'data-testid');
  const paged = { ...turn, ...(slot ? { slot } : {}) };
  const reasoning = reasoningOf(scope, el, answers);
  if (!reasoning) return paged;
  // Reasoning inside the message: the text is the answer after it, not the whole message.
  const body = el.contains(reasoning) ? answers.filter((a) => !reasoning.contains(a)).pop() : undefined;
  return { ...paged, reasoning, ...(body ? { body } : {}) };
}

export const chatgptAdapter: SiteAdapter = {
  id: 'chatgpt',
  name: 'ChatGPT',
  matches: (url) => HOSTS.has(url.hostname),
  noise: both(SELECTORS.noise),

  findTurns(root) {
    const layout: Layout = {
      turn: pick(root, SELECTORS.turn),
      message: pick(root, SELECTORS.message),
      comparison: pick(root, SELECTORS.comparison),
    };
    // Should one message hold both sides of a comparison, each side is read as a message of its own.
    const messages = outermost(root, layout.message).flatMap((message) => {
      const sides = outermost(message, layout.comparison);
      return sides.length > 1 ? sides : [message];
    });
    // Messages of one turn share their role, their turn element and their side of a comparison;
    // so the two responses of a comparison are two turns, one after the other.
    const sameTurn = (a: Element, b: Element) =>
      roleOf(a) === roleOf(b) &&
      a.closest(layout.turn) === b.closest(layout.turn) &&
      a.closest(layout.comparison) === b.closest(layout.comparison);
    const groups: [Element, ...Element[]][] = [];
    for (const message of messages) {
      const group = groups[groups.length - 1];
      if (group && sameTurn(group[0], message)) group.push(message);
      else groups.push([message]);
    }
    return groups.map((group) => turnOf(group, layout));
  },

  isStreaming({ el, role }) {
    if (role !== 'assistant') return false;
    const turn = el.closest(both(SELECTORS.turn)) ?? el;
    const busy = both(SELECTORS.streaming);
    if (turn.matches(busy) || turn.querySelector(busy)) return true;
    // The stop button is the composer's: it speaks for the last turn only.
    const page = el.ownerDocument;
    if (!page.querySelector(both(SELECTORS.stop))) return false;
    const messages = page.querySelectorAll(both(SELECTORS.message));
    const lastMessage = messages[messages.length - 1];
    return lastMessage !== undefined && turn.contains(lastMessage);
  },
};
