/**
 * Perplexity (www.perplexity.ai): its threads (/search/…). Owns Perplexity's
 * selectors and how each query, answer, model and streaming state are found.
 * A thread is a series of exchanges, each a query and its answer; the
 * Answer / Links / Images tabs over an exchange are views of that one answer,
 * not alternative responses. The model is named under an answer ("Prepared
 * using …") when the page shows it.
 */
import type { SiteAdapter, TurnElement } from '../adapter';
import { KATEX_NOISE, outermost } from './shared';

const HOSTS = new Set(['www.perplexity.ai', 'perplexity.ai']);

/**
 * Every selector this adapter uses. Lists are [primary, ...fallbacks], tried
 * in order; the comments name the saved pages (test/fixtures/sites/perplexity/)
 * each must match.
 */
const SELECTORS = {
  /** An answer: its numbered markdown container (2026-04, 2026-05), else the renderer inside it (2026-04, 2026-05). */
  answer: ['[id^="markdown-content-"]', '[data-renderer="lm"]'],
  /**
   * A query: the h1 holding it (2026-04, 2026-05); the bubble of the 2026-09
   * layout public exporters report (no saved page here); its text span, in
   * that h1 in 2026-04 and 2026-05 and on its own in older layouts.
   */
  query: ['[class~="group/query"]', '[class~="group/user-bubble"]', 'span.select-text'],
  /** The line under an answer naming its model, "Prepared using Claude Sonnet 4.6 Thinking" (2026-05). */
  model: /^Prepared (?:using|with|by) (.{1,100})$/,
  /**
   * Still being written: a busy region, or the composer's stop button while the
   * last answer streams (as Perplexity automation scripts find it; no saved page streams).
   */
  busy: '[aria-busy="true"]',
  stop: '[data-testid="stop-generating-response-button"], button[aria-label="Stop generating response"]',
  /** Never part of a message's text. */
  noise: [
    // Citation pills, "youtube +1" (2026-04), by the source URL they carry (2026-07, as exporters report it).
    '.citation',
    '[data-pplx-citation-url]',
    // KaTeX's MathML copy of a formula, read as its TeX (2026-05).
    KATEX_NOISE,
  ].join(', '),
} as const;

/** The first selector of a primary and its fallbacks that matches anything under `root`. */
function firstMatching(root: ParentNode, selectors: readonly string[]): string | undefined {
  return selectors.find((selector) => root.querySelector(selector) !== null);
}

/**
 * The model line of an answer: a leaf element saying "Prepared using …" in the
 * part of the page that holds this answer and no other.
 */
function modelOf(answer: Element, answers: string): string | undefined {
  let exchange = answer;
  while (exchange.parentElement && exchange.parentElement.querySelectorAll(answers).length === 1) {
    exchange = exchange.parentElement;
  }
  for (const el of Array.from(exchange.querySelectorAll('*'))) {
    if (el.childElementCount > 0) continue;
    const name = SELECTORS.model.exec(el.textContent?.trim() ?? '')?.[1];
    if (name) return name;
  }
  return undefined;
}

function findTurns(root: ParentNode): TurnElement[] {
  const answers = firstMatching(root, SELECTORS.answer);
  if (!answers) return [];
  const queries = firstMatching(root, SELECTORS.query);
  const turns: TurnElement[] = [];
  // The query an answer replies to is the last one before it; others before it
  // (a sidebar's) are not turns. A query after the last answer awaits its answer.
  let query: Element | undefined;
  for (const el of outermost(root, queries ? `${queries}, ${answers}` : answers)) {
    if (queries && el.matches(queries)) {
      query = el;
      continue;
    }
    if (query) turns.push({ el: query, role: 'user' });
    query = undefined;
    const model = modelOf(el, answers);
    turns.push({ el, role: 'assistant', ...(model ? { model } : {}) });
  }
  if (query) turns.push({ el: query, role: 'user' });
  return turns;
}

export const perplexityAdapter: SiteAdapter = {
  id: 'perplexity',
  name: 'Perplexity',
  matches: (url) => HOSTS.has(url.hostname),
  findTurns,
  isStreaming({ el, role }) {
    if (role !== 'assistant') return false;
    if (el.closest(SELECTORS.busy) || el.querySelector(SELECTORS.busy)) return true;
    // The stop button belongs to the composer, so it says only that the last answer is still being written.
    const page = el.ownerDocument;
    if (!page.querySelector(SELECTORS.stop)) return false;
    return findTurns(page).findLast((turn) => turn.role === 'assistant')?.el === el;
  },
  noise: SELECTORS.noise,
};
