/**
 * The queue survives what browsers do to extension workers: a review queued
 * while the server cannot be reached stays queued through a stopped service
 * worker, and is delivered when the worker comes back.
 */
import { type ExtensionGlobal, expect, signedInExpert, test } from './fixtures';
import { clickControl, controlStatus, pageControls } from './shadow';

test('a review queued while the server is unreachable survives a stopped worker and is delivered once', async ({
  context,
  extensionId,
  server,
  serviceWorker,
}) => {
  const badge = () =>
    serviceWorker.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.action.getBadgeText({}));
  const popup = await signedInExpert(context, extensionId, server);

  await context.route('**/v1/submissions/batch', (route) => route.abort('connectionrefused'));
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/chat?startMs=0&tokenMs=1`);
  await expect.poll(async () => (await pageControls(page)).length).toBe(4);
  await clickControl(page, 't2', 'Approve');
  await expect.poll(() => controlStatus(page, 't2')).toBe('Approved · queued for sending');

  await popup.reload();
  const waiting = popup.locator('li[data-state="pending"]');
  await expect(waiting).toContainText('Attempt 1 failed: Cannot reach the server');
  await expect(popup.locator('#queue-state')).toContainText('1 waiting');
  await expect.poll(badge).toBe('1');

  // The browser stops the worker; the server becomes reachable again.
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const workerRunning = async () =>
    (await cdp.send('Target.getTargets')).targetInfos.some(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );
  await expect.poll(workerRunning).toBe(false);
  await context.unroute('**/v1/submissions/batch');

  // Any event wakes the worker (here the popup asking for its state); on start it delivers what
  // is due and sets a timer and an alarm for the rest. The stopped worker's timer is gone.
  await popup.reload();
  await expect.poll(workerRunning).toBe(true);
  await expect(popup.locator('#queue-state')).toContainText('1 sent');
  // The handle reaches the restarted worker.
  await expect.poll(badge).toBe('');
  const rows = await server.db.query<{ body: { review: { kind: string } } }>('SELECT body FROM submissions');
  expect(rows.map((r) => r.body.review.kind)).toEqual(['approve']);
});

test('controls follow an in-app navigation to another conversation', async ({ context, server }) => {
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/chat?startMs=0&tokenMs=1`);
  await expect.poll(async () => (await pageControls(page)).length).toBe(4);
  // What a single-page chat app does: change the URL without a load, replace the thread.
  await page.evaluate(() => {
    history.pushState({}, '', '/demo/chat/other');
    const main = document.querySelector('main');
    if (main) {
      main.innerHTML = `
        <article><div data-message-author-role="user" data-message-id="n1"><p>What is qSOFA?</p></div></article>
        <article><div data-message-author-role="assistant" data-message-id="n2"><p>Three bedside criteria.</p></div></article>`;
    }
  });
  await expect.poll(async () => (await pageControls(page)).map((c) => c.messageId)).toEqual(['n2']);
});
