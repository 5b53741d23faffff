/**
 * Which supported sites the reviewer switched off (on the options page). Kept
 * in `storage.local`, which the content script can read at start: a switched
 * off site gets no controls, and the page is not read. Not secret, and kept
 * across sign-outs: it is the browser's owner's preference.
 */
import { browser } from 'wxt/browser';

const KEY = 'disabledSites';

export async function disabledSites(): Promise<string[]> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : [];
}

export async function setSiteEnabled(site: string, enabled: boolean): Promise<void> {
  const others = (await disabledSites()).filter((s) => s !== site);
  await browser.storage.local.set({ [KEY]: enabled ? others : [...others, site] });
}
