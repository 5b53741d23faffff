/**
 * The extension's catalogue as the browser serves it (`_locales/<language>/
 * messages.json`, made from `locales/<language>.yml`), for tests: the unit
 * tests' `browser.i18n`, and the words end-to-end tests look for in a language.
 */
import { readFileSync } from 'node:fs';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';

export type Language = 'en' | 'es';

export interface Catalogue {
  /** `browser.i18n.getMessage`: `$1`…`$9` by position, `$$` for a dollar sign; an unknown name gives "". */
  getMessage(name: string, substitutions?: string | string[]): string;
  /** What `i18n.t` shows for `key` (a dotted key, an optional count, optional named substitutions). */
  t(key: string, ...args: (number | Record<string, string | number>)[]): string;
}

export function catalogue(language: Language): Catalogue {
  const messages = generateChromeMessages(parseMessagesText(readFileSync(`locales/${language}.yml`, 'utf8'), 'YAML'));
  const getMessage = (name: string, substitutions?: string | string[]) => {
    const message = messages[name]?.message;
    if (message === undefined) return '';
    const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
      which === '$' ? '$' : (subs[Number(which) - 1] ?? ''),
    );
  };
  return {
    getMessage,
    t(key, ...args) {
      const count = args.find((a): a is number => typeof a === 'number');
      const named = args.find((a): a is Record<string, string | number> => typeof a === 'object');
      let message = getMessage(key.replaceAll('.', '_'), count === undefined ? undefined : [String(count)]);
      if (message === '') throw new Error(`No message ${key} in the ${language} catalogue`);
      if (count !== undefined) {
        // The plural forms as @wxt-dev/i18n joins them: "one | other" or "zero | one | other".
        const forms = message.split(' | ');
        message = (forms.length === 3 ? forms[Math.min(count, 2)] : forms[count === 1 ? 0 : forms.length - 1]) ?? '';
      }
      return message.replace(/\{(\w+)\}/g, (whole, name: string) => String(named?.[name] ?? whole));
    },
  };
}
