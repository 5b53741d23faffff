/**
 * Whether the user sees an element as it is drawn. Chrome's
 * IntersectionObserver v2 reports `isVisible: false` when other content covers
 * the element or when it, or an ancestor, is faded, filtered or transformed:
 * what a page does to lay a decoy over a button (with `pointer-events: none`)
 * and have the user's real click land on it. Browsers without it answer true.
 */
interface VisibilityEntry extends IntersectionObserverEntry {
  readonly isVisible?: boolean;
}

export function isUnobscured(el: Element): Promise<boolean> {
  if (!('isVisible' in IntersectionObserverEntry.prototype)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(
      (entries) => {
        observer.disconnect();
        resolve((entries.at(-1) as VisibilityEntry | undefined)?.isVisible === true);
      },
      // Not yet in TypeScript's DOM types; Chrome requires a delay of at least 100 ms to track visibility.
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(el);
  });
}
