/**
 * Whether the reviewer has put away the popup's introduction. A preference of
 * the browser's owner, in `storage.local`; the options page brings it back.
 */
import { browser } from 'wxt/browser';

const KEY = 'introDismissed';

export async function introDismissed(): Promise<boolean> {
  return (await browser.storage.local.get(KEY))[KEY] === true;
}

export async function setIntroDismissed(dismissed: boolean): Promise<void> {
  await browser.storage.local.set({ [KEY]: dismissed });
}
