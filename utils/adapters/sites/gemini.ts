/**
 * Gemini (gemini.google.com): conversations in the app (/app/…) and public
 * share pages (/share/…). Owns Gemini's selectors and how each turn's text,
 * reasoning ("Show thinking"), ids and drafts are found. A response's other
 * drafts, when the page holds them without showing them, become hidden
 * alternatives right after it. Gemini names no model per response (the
 * composer's mode pill is a setting for the next prompt), so turns carry none.
 */
import type { SiteAdapter, TurnElement } from '../adapter';
import { findMessages, type Layout, matchAll, matchFirst } from './shared';

const HOSTS = new Set(['gemini.google.com']);

/** Carries a draft's id (rc_…). */
const DRAFT_ID = 'data-test-draft-id';

/**
 * Every selector this adapter uses. Arrays are [primary, ...fallbacks], tried
 * in order (but every `noise` entry applies); the comments name the saved
 * pages (test/fixtures/sites/gemini/) each must match.
 */
const SELECTORS = {
  /** Where the messages are, most specific layout first. */
  layouts: [
    // Share pages: one share-turn-viewer per exchange and the response in a
    // bare response-container, without model-response (hand-made share page).
    {
      user: 'share-turn-viewer user-query, share-turn-viewer user-query-content',
      assistant: 'share-turn-viewer response-container',
    },
    // The app: one custom element per message (2025-06 fragment, 2026-04 page).
    { user: 'user-query', assistant: 'model-response' },
    // The same pages by element ids, should the custom elements be renamed (2025-06, 2026-04).
    { user: '[id^="user-query-content-"]', assistant: '[id^="message-content-id-"]' },
  ] satisfies Layout[],
  /** A prompt's own text, without attachments and buttons (2025-06, 2026-04, share). */
  prompt: ['.query-text', 'user-query-content'],
  /** A response's answer; several in one response, some hidden, are its drafts (2025-06, 2026-04, share). */
  answer: ['message-content', '[id^="model-response-message-content"]'],
  /** The reasoning's text, in the DOM once "Show thinking" is open (public Gemini exporters, 2025). */
  reasoning: ['[data-test-id="thoughts-content"]', 'model-thoughts .thoughts-content', '.thoughts-container .markdown'],
  /** Where reasoning lives, never part of the answer (2026-04 holds an empty .thoughts-container). */
  thoughts: 'model-thoughts, .thoughts-container',
  /** The exchange around a prompt and its response; its id is the exchange's (2025-06, 2026-04). */
  exchange: '.conversation-container[id]',
  /** A draft's box or, for the shown draft, its read-aloud control (2025-06, 2026-04). */
  draft: `[${DRAFT_ID}]`,
  /** A response's id (r_…), in the answer's element id and in logging attributes (2025-06, 2026-04). */
  responseId: ['[id^="message-content-id-r_"]', "[jslog*='\"r_']"],
  /** A part the page holds but does not show (no saved page holds a hidden draft: what a browser never renders). */
  hidden: '[hidden], [aria-hidden="true"], [style*="display: none"], [style*="display:none"]',
  /** Still being written: aria-busy on the answer (2026-04 has "false"), a footer not yet "complete" (2025-06, 2026-04). */
  busy: '[aria-busy="true"], .response-footer:not(.complete)',
  /** Never part of a message's text. */
  noise: [
    // Reasoning, read apart (2026-04).
    'model-thoughts',
    '.thoughts-container',
    // "Vous avez dit" / "Gemini a dit" labels (2026-04, "You said" in the share page).
    '.cdk-visually-hidden',
    '[class*="screen-reader"]',
    // A code block's header: language label and copy button (public Gemini exporters, 2025).
    '.code-block-decoration',
    // Sources, action bar, read-aloud control and menus (2025-06, 2026-04).
    'sources-list',
    'message-actions',
    'tts-control',
    'mat-menu',
  ].join(', '),
} as const;

function isHidden(el: Element, within: Element): boolean {
  for (let node: Element | null = el; node && node !== within; node = node.parentElement) {
    if (node.matches(SELECTORS.hidden)) return true;
  }
  return false;
}

function promptTurn(el: Element): TurnElement {
  const body = matchFirst(el, SELECTORS.prompt);
  const messageId = el.closest(SELECTORS.exchange)?.id;
  return { el, role: 'user', ...(body ? { body } : {}), ...(messageId ? { messageId } : {}) };
}

/** The response's own id (r_…), when no draft id is on the page. */
function responseId(response: Element): string | undefined {
  const carriers = [response, ...SELECTORS.responseId.map((s) => response.querySelector(s))];
  for (const el of carriers) {
    const id = /\br_[0-9a-f]+/.exec(`${el?.id ?? ''} ${el?.getAttribute('jslog') ?? ''}`)?.[0];
    if (id) return id;
  }
  return undefined;
}

/**
 * The response as shown, then each draft it holds hidden. Several answers all
 * shown are parts of one response, read together from the whole element.
 */
function responseTurns(response: Element): TurnElement[] {
  const answers = response.matches(SELECTORS.answer.join(', '))
    ? [response]
    : matchAll(response, SELECTORS.answer).filter((a) => !a.parentElement?.closest(SELECTORS.thoughts));
  const drafts = answers.filter((a) => isHidden(a, response));
  const shown = answers.filter((a) => !drafts.includes(a));
  const body = shown.length === 1 ? shown[0] : undefined;
  const draftBox = (answer: Element) => {
    const box = answer.closest(SELECTORS.draft);
    return box && response.contains(box) ? box : undefined;
  };
  // The shown draft's id is on its answer's box or, in the 2025-06 and 2026-04
  // layouts, on its read-aloud control: the one draft id not of a hidden draft.
  const shownDraft =
    (body && draftBox(body)) ??
    Array.from(response.querySelectorAll(SELECTORS.draft)).find(
      (box) => !isHidden(box, response) && !drafts.some((d) => box.contains(d)),
    );
  const messageId = shownDraft?.getAttribute(DRAFT_ID) || responseId(response);
  const reasoning = matchFirst(response, SELECTORS.reasoning);
  return [
    {
      el: response,
      role: 'assistant',
      ...(body ? { body } : {}),
      ...(messageId ? { messageId } : {}),
      ...(reasoning ? { reasoning } : {}),
    },
    ...drafts.map((answer): TurnElement => {
      const box = draftBox(answer);
      const id = box?.getAttribute(DRAFT_ID);
      return { el: box ?? answer, role: 'assistant', body: answer, shown: false, ...(id ? { messageId: id } : {}) };
    }),
  ];
}

export const geminiAdapter: SiteAdapter = {
  id: 'gemini',
  name: 'Gemini',
  matches: (url) => HOSTS.has(url.hostname),
  findTurns: (root) =>
    findMessages(root, SELECTORS.layouts).flatMap(({ el, role }) =>
      role === 'user' ? [promptTurn(el)] : responseTurns(el),
    ),
  isStreaming: ({ el, role }) =>
    role === 'assistant' && (el.matches(SELECTORS.busy) || !!el.querySelector(SELECTORS.busy)),
  noise: SELECTORS.noise,
};
