/**
 * The review panel's frame: an extension page in an iframe, inside a closed
 * shadow root. What the reviewer types goes into a document of the extension's
 * origin, which the host page's scripts cannot observe. The session id in the
 * URL fragment is the panel's only key to its capture (see background/sessions).
 */
import { browser } from 'wxt/browser';
import { OWN_ELEMENT_ATTRIBUTE } from '@/utils/adapters/text';

const STYLE = `
  :host { all: initial; position: fixed; top: 0; right: 0; bottom: 0; z-index: 2147483647;
          width: min(480px, 100vw); box-shadow: -8px 0 24px rgba(0,0,0,.25); }
  iframe { border: 0; width: 100%; height: 100%; background: Canvas; color-scheme: normal; }
`;

export interface PanelFrame {
  open(sessionId: string): void;
  close(): void;
}

export function createPanelFrame(): PanelFrame {
  let host: HTMLElement | undefined;
  const close = () => {
    host?.remove();
    host = undefined;
  };
  return {
    open(sessionId) {
      close();
      host = document.createElement('attending-panel');
      host.setAttribute(OWN_ELEMENT_ATTRIBUTE, '');
      const root = host.attachShadow({ mode: 'closed' });
      const style = document.createElement('style');
      style.textContent = STYLE;
      const frame = document.createElement('iframe');
      frame.title = 'Attending review panel';
      frame.src = `${browser.runtime.getURL('/panel.html')}#${sessionId}`;
      frame.addEventListener('load', () => frame.focus(), { once: true });
      root.append(style, frame);
      document.documentElement.append(host);
    },
    close,
  };
}
