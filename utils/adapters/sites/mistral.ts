/**
 * Le Chat (chat.mistral.ai). Owns finding Le Chat's messages, splitting a
 * response into its answer and its reasoning, and turning the versions of a
 * response that the page holds but does not show into alternatives. Le Chat
 * marks its messages semantically (`data-message-author-role`,
 * `data-message-id`, `data-message-version`, `data-message-part-type`), so
 * those are the hooks; the layout of the collapsible work log comes second.
 */
import type { SiteAdapter, TurnElement } from '../adapter';
import { enclosing, hasText, KATEX_NOISE, matchAll } from './shared';

/** Every selector this adapter reads; in each list the primary first, then its fallbacks. */
const SELECTORS = {
  /** One element per message, each version of a message its own; other roles (tools, say) are no turns. */
  turn: [
    // 2026-05 fragment
    '[data-message-author-role="user"][data-message-id], [data-message-author-role="assistant"][data-message-id]',
    // any, should the id go
    '[data-message-author-role="user"], [data-message-author-role="assistant"]',
  ],
  /** A response's answer, possibly in several parts. */
  answer: [
    '[data-message-part-type="answer"]', // 2026-05 fragment
    '[data-testid="text-message-part"]', // 2026-05 fragment, same element
  ],
  /** A prompt's text, without its action row and time. */
  prompt: [
    '.select-text', // 2026-05 fragment
    '.whitespace-pre-wrap', // 2026-05 fragment: its lines
  ],
  /** The reasoning; its "Worked for 3s" / "Thought for 3s" headers are buttons spelled a span per letter. */
  reasoning: [
    '[data-message-part-type="reasoning"]', // reported for 2025-2026, no saved page: a part of its own
    // 2026-05 fragment: markdown in a collapsible region of the work log
    '[role="region"] .markdown-container-style:not([data-message-part-type="answer"])',
  ],
  /** Subtrees that are never message text. */
  noise: [
    '[data-message-part-type="reasoning"]', // reported for 2025-2026: read as reasoning instead
    '[inert]', // 2026-05 fragment: a collapsed block's content (the work log)
    '.text-hint', // 2026-05 fragment: a message's time ("1:04pm")
    // 2026-05 fragment: a code block's header, with its language and Copy button
    '.markdown-fenced-code-root .sticky, [data-testid="code-block"] .sticky',
  ],
  busy: '[aria-busy="true"]',
};

const HOSTS = new Set(['chat.mistral.ai']);
const NOISE = [...SELECTORS.noise, KATEX_NOISE].join(', ');

/** Whether `el` is hidden in the page below `top`: a version not on show. */
function hiddenBelow(el: Element, top: Element): boolean {
  for (let node: Element | null = el; node && node !== top; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('inert')) {
      return true;
    }
    if (/display:\s*none/.test(node.getAttribute('style') ?? '')) return true;
  }
  return false;
}

function turnOf(el: Element): TurnElement {
  const messageId = el.getAttribute('data-message-id')?.trim() || el.id || undefined;
  const base = { el, ...(messageId ? { messageId } : {}) };
  if (el.getAttribute('data-message-author-role') === 'user') {
    const body = matchAll(el, SELECTORS.prompt);
    return { ...base, role: 'user', ...(body.length > 0 ? { body: enclosing(body) } : {}) };
  }
  const parts = matchAll(el, SELECTORS.answer);
  const answer = enclosing(parts);
  const thoughts = matchAll(el, SELECTORS.reasoning).filter((t) => !parts.some((part) => part.contains(t)));
  // Several thoughts are read as the block enclosing them, unless that holds the answer too: then the first.
  const log = enclosing(thoughts);
  const reasoning = log && parts.some((part) => log.contains(part)) ? thoughts[0] : log;
  return {
    ...base,
    role: 'assistant',
    ...(answer ? { body: answer } : {}),
    ...(reasoning && hasText(reasoning, NOISE) ? { reasoning } : {}),
  };
}

/** The members of a run of versions that the page hides; none when it hides none or all, as then its choice is unknown. */
function hiddenOf(run: TurnElement[]): TurnElement[] {
  const top = run.length > 1 ? enclosing(run.map((t) => t.el)) : undefined;
  const hidden = top ? run.filter((t) => hiddenBelow(t.el, top)) : [];
  return hidden.length < run.length ? hidden : [];
}

function version(turn: TurnElement): number {
  return Number(turn.el.getAttribute('data-message-version')) || 0;
}

/**
 * The versions of a message sit together, with no message of the other role
 * between them. Hidden versions of a response follow the shown one as
 * alternatives (`shown: false`), by version; hidden versions of a prompt are
 * no part of the conversation on show and are left out.
 */
function withVersions(turns: TurnElement[]): TurnElement[] {
  const out: TurnElement[] = [];
  let run: TurnElement[] = [];
  const flush = () => {
    const hidden = hiddenOf(run);
    out.push(...run.filter((t) => !hidden.includes(t)));
    if (run[0]?.role === 'assistant') {
      out.push(...hidden.sort((a, b) => version(a) - version(b)).map((t) => ({ ...t, shown: false })));
    }
    run = [];
  };
  for (const turn of turns) {
    if (run[0] && run[0].role !== turn.role) flush();
    run.push(turn);
  }
  flush();
  return out;
}

export const mistralAdapter: SiteAdapter = {
  id: 'mistral',
  name: 'Le Chat',
  matches: (url) => HOSTS.has(url.hostname),
  findTurns: (root) => withVersions(matchAll(root, SELECTORS.turn).map(turnOf)),
  isStreaming({ el, role }) {
    return role === 'assistant' && (el.closest(SELECTORS.busy) !== null || el.querySelector(SELECTORS.busy) !== null);
  },
  noise: NOISE,
};
