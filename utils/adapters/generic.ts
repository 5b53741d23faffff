/**
 * The generic adapter, for pages no site adapter is for: any page that marks
 * its messages the way several chat UIs do, with
 * `data-message-author-role="user|assistant"` on each message. Streaming is
 * recognised by the usual busy markers.
 */
import type { SiteAdapter, TurnElement } from './adapter';

const TURN_SELECTOR = '[data-message-author-role="user"], [data-message-author-role="assistant"]';
const BUSY_SELECTOR = '[aria-busy="true"], [data-is-streaming="true"], .result-streaming';

function attr(el: Element, name: string): string | undefined {
  const value = el.getAttribute(name)?.trim();
  return value ? value.slice(0, 200) : undefined;
}

export const genericAdapter: SiteAdapter = {
  id: 'generic',
  name: 'this page',
  matches: () => true,
  findTurns(root) {
    const turns: TurnElement[] = [];
    for (const el of Array.from(root.querySelectorAll(TURN_SELECTOR))) {
      // A message nested in another message is part of it, not a turn of its own. In document order, the
      // message it is in is the last turn taken (cheaper than looking up its ancestors on a long page).
      if (turns.at(-1)?.el.contains(el)) continue;
      const role = el.getAttribute('data-message-author-role') === 'user' ? 'user' : 'assistant';
      const messageId = attr(el, 'data-message-id');
      const model = attr(el, 'data-message-model-slug');
      turns.push({ el, role, ...(messageId ? { messageId } : {}), ...(model ? { model } : {}) });
    }
    return turns;
  },
  isStreaming({ el }) {
    return el.closest(BUSY_SELECTOR) !== null || el.querySelector(BUSY_SELECTOR) !== null;
  },
};
