/**
 * Vitest setup: `browser.i18n` as the browser gives it, in English, from the
 * catalogue the build turns into `_locales/en/messages.json`, so code under
 * test shows the same words it shows to a user.
 */
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { catalogue } from './catalogue';

const { getMessage } = catalogue('en');

function install(): void {
  Object.assign(fakeBrowser.i18n, { getMessage, getUILanguage: () => 'en' });
}

install();
beforeEach(install);
