/**
 * An element of ours in the page: marked as ours, so that the adapters leave
 * it out of what they read, with a closed shadow root that the page's scripts
 * cannot enter, styled by `css` alone (the root's style comes first; the
 * caller appends its content after it).
 */
import { OWN_ELEMENT_ATTRIBUTE } from '@/utils/adapters/text';

export function ownHost(tagName: string, css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tagName);
  host.setAttribute(OWN_ELEMENT_ATTRIBUTE, '');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  return { host, root };
}
