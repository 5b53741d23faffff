/**
 * A short line at the bottom of the page saying why a keyboard command did
 * nothing: the commands are pressed on the page, not on our controls, so
 * without it a refusal ("nothing has finished yet") would go unseen. In a
 * closed shadow root, like the controls; read out by screen readers.
 */
import { i18n } from '#i18n';
import { OWN_ELEMENT_ATTRIBUTE } from '@/utils/adapters/text';

const SHOWN_MS = 6000;

const STYLE = `
  :host { all: initial !important; position: fixed !important; left: 50% !important; bottom: 24px !important;
          transform: translateX(-50%) !important; z-index: 2147483647 !important; display: block !important;
          max-width: min(560px, calc(100vw - 32px)) !important; }
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
      host = document.createElement('attending-notice');
      host.setAttribute(OWN_ELEMENT_ATTRIBUTE, '');
      const root = host.attachShadow({ mode: 'closed' });
      const style = document.createElement('style');
      style.textContent = STYLE;
      const line = document.createElement('p');
      line.setAttribute('role', 'alert');
      line.textContent = i18n.t('controls.commandFailed', { error: message });
      root.append(style, line);
      document.documentElement.append(host);
      timer = setTimeout(remove, SHOWN_MS);
    },
    remove,
  };
}
