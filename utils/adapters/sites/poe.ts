/**
 * Poe (poe.com). Owns Poe's selectors and how each turn's role, text, bot name,
 * id and reasoning are found. Poe ships CSS-module classes (`Name_part__hash`),
 * so its selectors match the stable `Name_part` prefix. Each message is one
 * `ChatMessage_chatMessage` block with `id="message-<n>"` and `data-complete`;
 * which side its bubble is on tells who wrote it, and a bot's message opens
 * with a header naming the bot (several bots can answer in one chat). Poe
 * keeps no regenerated drafts in the page, so every response stands alone.
 */
import type { Role } from '../../schema/capture';
import type { SiteAdapter, TurnElement } from '../adapter';
import { matchAll, matchFirst } from './shared';

const HOSTS = new Set(['poe.com']);

/**
 * Every selector this adapter uses. Lists are [primary, ...fallbacks], tried
 * in order. Sources: a saved Poe page (2024–25, `ChatMessage_chatMessage__xkgHx`
 * blocks), the Poe collectors of SyncNos and PCE, KoriIku/poe-exporter.
 */
const SELECTORS = {
  /**
   * One message: the block with Poe's message id; the same by its stable attributes alone, should the
   * class be renamed; the block without an id; the older wrapper or bare bubbles.
   */
  message: [
    '[id^="message-"][class*="ChatMessage_chatMessage"]',
    '[id^="message-"][data-complete]',
    '[class*="ChatMessage_chatMessage"]',
    '[class*="ChatMessage_messageWrapper"]',
    '[class*="Message_humanMessageBubble"], [class*="Message_botMessageBubble"]',
  ],
  /** The person's message: right-side wrapper, bubble or row; `humanMessageBubble` before 2024. */
  user: '[class*="rightSideMessage"], [class*="Message_humanMessageBubble"]',
  /** A bot's message: its header or left-side bubble; `botMessageBubble` before 2024. */
  assistant:
    '[class*="BotMessageHeader"], [class*="LeftSideChatMessageHeader"], [class*="LeftSideMessageHeader"], [class*="leftSideMessageBubble"], [class*="Message_botMessageBubble"]',
  /** The message's own text, without its header, menus and timestamp. */
  body: [
    '[class*="Message_messageTextContainer"]',
    '[class*="Markdown_markdownContainer"]',
    '[class*="Message_selectableText"]',
  ],
  /** The rendered markdown whose children are the answer's blocks (2025 wraps it in Prose_prose). */
  markdown: ['[class*="Prose_prose"]', '[class*="Markdown_markdownContainer"]'],
  /** The bot's name in its header, without the sub-text ("Official", "Private") under it. */
  botName: ['[class*="BotHeader_textContainer"] > p:not([class*="subText"])', '[class*="BotHeader_title"] p'],
  /** The header's avatar, "Bot image for <bot>", should the name's text be missing. */
  botAvatar: 'img[alt^="Bot image for "]',
  /** Carries data-complete="false" on the message block until the response is written. */
  complete: '[data-complete]',
  /** A busy part inside a message, as other chat UIs mark one. */
  busy: '[aria-busy="true"]',
  /** Never part of a message's text. */
  noise: [
    // A code block's header: language label and copy button.
    '[class*="MarkdownCodeBlock_codeHeader"]',
    '[class*="MarkdownCodeBlock_languageName"]',
    // Send time and edit marks under a bubble.
    '[class*="Message_messageMetadataContainer"]',
    // The bot header ("Claude-Sonnet-4.5", "Poe" badge), should a layout put it in the text.
    '[class*="BotMessageHeader"]',
    '[class*="LeftSideChatMessageHeader"]',
    '[class*="LeftSideMessageHeader"]',
  ].join(', '),
} as const;

/** Reasoning bots on Poe open their answer with this paragraph, then quote their thinking. */
const THINKING_LABEL = /^(thinking|思考中?)\s*(\.{3}|…)?$/i;

const AVATAR_PREFIX = 'Bot image for ';

function has(el: Element, selector: string): boolean {
  return el.matches(selector) || el.querySelector(selector) !== null;
}

function roleOf(el: Element): Role | undefined {
  if (has(el, SELECTORS.user)) return 'user';
  if (has(el, SELECTORS.assistant)) return 'assistant';
  return undefined;
}

function botName(el: Element): string | undefined {
  const name = matchFirst(el, SELECTORS.botName)?.textContent?.trim();
  if (name) return name;
  const alt = el.querySelector(SELECTORS.botAvatar)?.getAttribute('alt') ?? '';
  return alt.slice(AVATAR_PREFIX.length).trim() || undefined;
}

/**
 * A reasoning bot's thinking, written into the answer's markdown as a
 * "Thinking..." paragraph and a quote before the answer. No element holds the
 * answer alone, so it is read from a detached copy without those two; the page
 * itself is never changed.
 */
function splitThinking(body: Element): { answer: Element; reasoning: Element } | undefined {
  const markdown = matchFirst(body, SELECTORS.markdown) ?? body;
  const label = markdown.firstElementChild;
  const quote = label?.nextElementSibling;
  if (!label || quote?.tagName !== 'BLOCKQUOTE' || !THINKING_LABEL.test(label.textContent?.trim() ?? '')) {
    return undefined;
  }
  const answer = markdown.cloneNode(true) as Element;
  answer.firstElementChild?.nextElementSibling?.remove();
  answer.firstElementChild?.remove();
  return { answer, reasoning: quote };
}

function turnOf(el: Element, role: Role): TurnElement {
  const messageId = /^message-(.+)$/.exec(el.closest('[id^="message-"]')?.id ?? '')?.[1];
  const text = matchFirst(el, SELECTORS.body);
  const thinking = role === 'assistant' && text ? splitThinking(text) : undefined;
  const body = thinking?.answer ?? text;
  const model = role === 'assistant' ? botName(el) : undefined;
  return {
    el,
    role,
    ...(body ? { body } : {}),
    ...(messageId ? { messageId } : {}),
    ...(model ? { model } : {}),
    ...(thinking ? { reasoning: thinking.reasoning } : {}),
  };
}

export const poeAdapter: SiteAdapter = {
  id: 'poe',
  name: 'Poe',
  matches: (url) => HOSTS.has(url.hostname),
  findTurns: (root) =>
    matchAll(root, SELECTORS.message).flatMap((el) => {
      const role = roleOf(el);
      return role ? [turnOf(el, role)] : [];
    }),
  isStreaming: ({ el }) =>
    el.closest(SELECTORS.complete)?.getAttribute('data-complete') === 'false' || has(el, SELECTORS.busy),
  noise: SELECTORS.noise,
};
