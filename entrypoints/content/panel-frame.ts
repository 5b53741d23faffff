/**
 * The review panel's frame: an extension page in an iframe, inside a closed
 * shadow root. What the reviewer types goes into a document of the extension's
 * origin, which the host page's scripts cannot observe. The session id in the
 * URL fragment is the panel's only key to its capture (see background/sessions).
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ownHost } from './own-host';

const STYLE = `
  /* !important in a shadow root's :host beats the page's own !important rules. */
  :host { all: initial !important; position: fixed !important; top: 0 !important; right: 0 !important;
          bottom: 0 !important; z-index: 2147483647 !important; display: block !important;
          width: min(480px, 100vw) !important; box-shadow: -8px 0 24px rgba(0,0,0,.25) !important; }
  iframe { border: 0; width: 100%; height: 100%; background: Canvas; color-scheme: normal; }
`;

export interface PanelFrame {
  open(sessionId: string): void;
  /** Closes the panel; with `sessionId`, only if the panel is still that session's. */
  close(sessionId?: string): void;
}

export function createPanelFrame(): PanelFrame {
  let host: HTMLElement | undefined;
  let shown: string | undefined;
  const close = (sessionId?: string) => {
    if (sessionId !== undefined && sessionId !== shown) return;
    host?.remove();
    host = undefined;
    shown = undefined;
  };
  return {
    open(sessionId) {
      close();
      shown = sessionId;
      const made = ownHost('attending-panel', STYLE);
      host = made.host;
      const frame = document.createElement('iframe');
      frame.title = i18n.t('controls.panelTitle');
      frame.src = `${browser.runtime.getURL('/panel.html')}#${sessionId}`;
      frame.addEventListener('load', () => frame.focus(), { once: true });
      made.root.append(frame);
      document.documentElement.append(host);
    },
    close,
  };
}
