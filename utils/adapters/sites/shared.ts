/**
 * Small DOM-reading helpers shared by site adapters: finding a site's messages
 * by an ordered list of layouts, and trying a selector with its fallbacks.
 * Pure reading of the tree passed in; no globals.
 */
import type { Role } from '../../schema/capture';
import { elementText } from '../text';

/** How one layout of a site marks its messages: a selector list for each role. */
export interface Layout {
  readonly user: string;
  readonly assistant: string;
}

/** The elements under `root` that match `selector`, in page order, without those nested in another match. */
export function outermost(root: ParentNode, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector)).filter((el) => {
    const outer = el.parentElement?.closest(selector);
    return !outer || !root.contains(outer);
  });
}

/**
 * The messages of the first layout that finds a response, in page order; when
 * none does (a prompt still waiting for its answer), those of the first layout
 * that finds anything.
 */
export function findMessages(root: ParentNode, layouts: readonly Layout[]): { el: Element; role: Role }[] {
  let promptsOnly: { el: Element; role: Role }[] = [];
  for (const { user, assistant } of layouts) {
    const messages = outermost(root, `${user}, ${assistant}`).map((el) => ({
      el,
      role: el.matches(assistant) ? ('assistant' as const) : ('user' as const),
    }));
    if (messages.some((m) => m.role === 'assistant')) return messages;
    if (promptsOnly.length === 0) promptsOnly = messages;
  }
  return promptsOnly;
}

/** The outermost matches of the first selector, of a primary and its fallbacks, that matches anything in `scope`. */
export function matchAll(scope: ParentNode, selectors: readonly string[]): Element[] {
  for (const selector of selectors) {
    const found = outermost(scope, selector);
    if (found.length > 0) return found;
  }
  return [];
}

/** The first element matched by a primary selector or, failing that, by its fallbacks in order. */
export function matchFirst(scope: ParentNode, selectors: readonly string[]): Element | undefined {
  for (const selector of selectors) {
    const found = scope.querySelector(selector);
    if (found) return found;
  }
  return undefined;
}

/**
 * KaTeX renders a formula twice: MathML for screen readers, carrying the TeX
 * source as an annotation, and an aria-hidden HTML copy. Read as text, the
 * MathML gives "eiπ+1=0" (superscripts flattened) before the TeX; leaving out
 * all but the annotation keeps "e^{i\pi} + 1 = 0", which says what was meant.
 */
export const KATEX_NOISE = '.katex-mathml semantics > :not(annotation)';

/** The nearest element that contains every one of `els` (the element itself when there is one). */
export function enclosing(els: readonly Element[]): Element | undefined {
  const [first, ...rest] = els;
  let candidate: Element | null | undefined = first;
  while (candidate && !rest.every((el) => candidate?.contains(el))) candidate = candidate.parentElement;
  return candidate ?? undefined;
}

/** Whether a reader would see any text in `el` without `noise`: a reasoning header alone is no reasoning. */
export function hasText(el: Element, noise?: string): boolean {
  return elementText(el, noise).trim() !== '';
}
