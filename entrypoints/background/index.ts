/**
 * The background service worker: the only owner of state. It holds the token,
 * the task list and the outbox, answers the popup, the panel and the content
 * script through one router, and delivers queued reviews to the task server.
 *
 *   host page tab ─────────────────────────────────────────┐
 *   │ content script (isolated world)                      │
 *   │   controls in closed shadow roots ── review.approve ─┼──► background ──► task server
 *   │   panel iframe (extension origin) ── panel.* ────────┼──►   (router)      (HTTP, outbox)
 *   └──────────────────────────────────────────────────────┘       ▲
 *   popup (extension page) ── auth.*, state.get, … ────────────────┘
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { route } from '@/utils/background/router';
import type { ContentRequest } from '@/utils/messages/content';
import { sendToTab } from '@/utils/messages/send';
import { openAttendingDb } from '@/utils/storage/db';
import { DELIVERY_ALARM, deliver, updateBadge } from './delivery';
import { createHandlers } from './handlers';
import { createSelectionMenu, reviewSelectionIn, SELECTION_MENU } from './selection';
import { endSessionsOfTab } from './sessions';

/** The manifest's keyboard commands (wxt.config.ts), as requests to the tab's content script. */
const COMMANDS: Record<string, ContentRequest | undefined> = {
  'previous-response': { type: 'response.move', by: -1 },
  'next-response': { type: 'response.move', by: 1 },
  'approve-response': { type: 'response.approve' },
  'improve-response': { type: 'response.open' },
};

export default defineBackground({
  main() {
    const db = openAttendingDb();
    const handlers = db.then(createHandlers);

    // Listeners are registered synchronously, so that an event that woke the worker is not missed.
    browser.runtime.onMessage.addListener((message, sender) =>
      handlers.then((h) => route(message, sender, browser.runtime.id, h)),
    );
    // Registering for start-up is what starts the worker when the browser starts.
    browser.runtime.onStartup.addListener(() => void db.then(deliver));
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === DELIVERY_ALARM) void db.then(deliver);
    });
    browser.tabs.onRemoved.addListener((tabId) => void endSessionsOfTab(tabId));
    browser.runtime.onInstalled.addListener(createSelectionMenu);
    browser.commands.onCommand.addListener((command, tab) => {
      const request = COMMANDS[command];
      if (request && tab?.id !== undefined)
        sendToTab(tab.id, request).catch((error) => console.error('Attending:', error));
    });
    browser.contextMenus.onClicked.addListener((info, tab) => {
      if (info.menuItemId === SELECTION_MENU && tab?.id !== undefined) {
        reviewSelectionIn(tab.id).catch((error) => console.error('Attending: review selection', error));
      }
    });

    // Whatever woke the worker, queued reviews go out now if they are due.
    void db.then(async (opened) => {
      await updateBadge(opened);
      await deliver(opened);
    });
  },
});
