/**
 * The content script: small and without React, because it runs on every chat
 * page. It finds responses, attaches controls, frames the review panel, and
 * answers the popup. Everything it starts stops with `ctx`.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { adapterFor } from '@/utils/adapters/registry';
import type { Reply } from '@/utils/messages/background';
import { ContentRequest } from '@/utils/messages/content';
import { CHAT_SITE_MATCHES, LOCAL_MATCHES } from '@/utils/sites';
import { disabledSites } from '@/utils/storage/site-switches';
import { createNotice } from './notice';
import { startOverlay } from './overlay';
import { createPanelFrame } from './panel-frame';

export default defineContentScript({
  matches: [...CHAT_SITE_MATCHES, ...LOCAL_MATCHES],
  runAt: 'document_idle',
  // WXT would otherwise postMessage the extension's id to the page.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    const adapter = adapterFor(new URL(location.href));
    // A site the reviewer switched off on the options page gets nothing: no controls, no reading.
    if ((await disabledSites()).includes(adapter.id)) return;
    const panel = createPanelFrame();
    const overlay = startOverlay(ctx, adapter, panel);
    const notice = createNotice();
    ctx.onInvalidated(notice.remove);
    /** A keyboard command is pressed on the page, not on our controls: why it did nothing is said on the page. */
    const command = async (run: () => void | Promise<void>): Promise<Reply<unknown>> => {
      try {
        await run();
        return { ok: true, value: null };
      } catch (error) {
        notice.show((error as Error).message);
        throw error;
      }
    };

    async function answer(message: unknown): Promise<Reply<unknown>> {
      const parsed = ContentRequest.safeParse(message);
      if (!parsed.success) return { ok: false, error: 'Refused: invalid message' };
      try {
        switch (parsed.data.type) {
          case 'page.latest':
            return { ok: true, value: overlay.latest() };
          case 'panel.openLatest':
            await overlay.openLatest();
            return { ok: true, value: null };
          case 'response.move': {
            const { by } = parsed.data;
            return await command(() => overlay.move(by));
          }
          case 'response.approve':
            return await command(overlay.approveCurrent);
          case 'response.open':
            return await command(overlay.openCurrent);
          case 'panel.close':
            panel.close();
            return { ok: true, value: null };
          case 'selection.review':
            await overlay.reviewSelection();
            return { ok: true, value: null };
          case 'passages.changed':
            await overlay.showPassages();
            return { ok: true, value: null };
        }
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    }

    const listener = (message: unknown, sender: { id?: string }) =>
      sender.id === browser.runtime.id ? answer(message) : undefined;
    browser.runtime.onMessage.addListener(listener);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
  },
});
