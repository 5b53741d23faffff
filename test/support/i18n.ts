/**
 * Vitest setup: `browser.i18n` as the browser gives it, in English, from the
 * catalogue the build turns into `_locales/en/messages.json`, so code under
 * test shows the same words it shows to a user.
 */
import { readFileSync } from 'node:fs';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const messages = generateChromeMessages(parseMessagesText(readFileSync('locales/en.yml', 'utf8'), 'YAML'));

/** Chrome's substitution: `$1`…`$9` by position, `$$` for a dollar sign; an unknown name gives "". */
function getMessage(name: string, substitutions?: string | string[]): string {
  const message = messages[name]?.message;
  if (message === undefined) return '';
  const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (subs[Number(which) - 1] ?? ''),
  );
}

function install(): void {
  Object.assign(fakeBrowser.i18n, { getMessage, getUILanguage: () => 'en' });
}

install();
beforeEach(install);
