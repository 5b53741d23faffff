/**
 * A short line at the bottom of the page saying why a keyboard command did
 * nothing: the commands are pressed on the page, not on our controls, so
 * without it a refusal ("nothing has finished yet") would go unseen. In a
 * closed shadow root, like the controls; read out by screen readers.
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ownHost } from './own-host';

/** Shown at least this long, and longer for a longer message (time to read it twice). */
const SHOWN_MS = 6000;
const SHOWN_MS_PER_CHARACTER = 60;

const STYLE = `
  /* Clicks go through it to the page (the chat's composer is often under it). */
  :host { all: initial !important; position: fixed !important; left: 50% !important; bottom: 24px !important;
          transform: translateX(-50%) !important; z-index: 2147483647 !important; display: block !important;
          max-width: min(560px, calc(100vw - 32px)) !important; pointer-events: none !important; }
  p { margin: 0; padding: 10px 14px; border-radius: 8px; font: 14px/1.35 system-ui, sans-serif;
      background: #1d2433; color: #fff; box-shadow: 0 4px 16px rgba(0,0,0,.3); }
`;

export interface Notice {
  show(message: string): void;
  remove(): void;
}

export function createNotice(): Notice {
  let host: HTMLElement | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const remove = () => {
    clearTimeout(timer);
    host?.remove();
    host = undefined;
  };
  return {
    show(message) {
      remove();
      const made = ownHost('attending-notice', STYLE);
      host = made.host;
      const line = document.createElement('p');
      line.setAttribute('role', 'alert');
      // The page may be in another language: a screen reader reads the line in its own.
      line.lang = browser.i18n.getUILanguage();
      line.textContent = i18n.t('controls.commandFailed', { error: message });
      made.root.append(line);
      document.documentElement.append(host);
      timer = setTimeout(remove, Math.max(SHOWN_MS, line.textContent.length * SHOWN_MS_PER_CHARACTER));
    },
    remove,
  };
}
