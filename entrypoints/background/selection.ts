/**
 * The manual fallback, for pages no adapter reads: "Review selection" from the
 * context menu or the popup opens the review panel on the selected text. On a
 * page the content script does not run on, it is injected at that moment,
 * under the access the user's gesture grants (activeTab): no blanket host
 * permission is needed.
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { sendToTab } from '@/utils/messages/send';

export const SELECTION_MENU = 'review-selection';

export function createSelectionMenu(): void {
  browser.contextMenus.create({
    id: SELECTION_MENU,
    title: i18n.t('worker.selectionMenu'),
    contexts: ['selection'],
  });
}

export async function reviewSelectionIn(tabId: number): Promise<void> {
  try {
    await sendToTab(tabId, { type: 'selection.review' });
    return;
  } catch (error) {
    // No content script listening: any other failure is the user's to see.
    if (!/Receiving end does not exist|Could not establish connection/i.test(String(error))) throw error;
  }
  await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/content.js'] });
  await sendToTab(tabId, { type: 'selection.review' });
}
