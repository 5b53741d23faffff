/**
 * A long conversation, scrolled to its end as chat apps open: the responses in
 * view get their controls at once, the others after the page has drawn its
 * frame, and in the end every response has them; only those on screen are
 * rendered.
 */
import { expect, test } from './fixtures';
import { controlsRendered, pageControls } from './shadow';

const TURNS = 400;
const URL = 'http://127.0.0.1:9/demo/long-conversation';

function longConversation(): string {
  const turns = Array.from({ length: TURNS }, (_, i) =>
    i % 2
      ? `<div data-message-author-role="assistant" data-message-id="m${i}"><p>Answer ${i}: recheck the lactate within 2 to 4 hours.</p><ol><li>Reassess perfusion.</li><li>Review cultures.</li></ol></div>`
      : `<div data-message-author-role="user" data-message-id="m${i}"><p>Question ${i}?</p></div>`,
  ).join('');
  // The page notes which responses had controls when the first controls appeared, and which were in view then.
  return `<!doctype html><html><head><title>Long conversation</title><script>
    new MutationObserver((records, observer) => {
      if (!records.some((r) => [...r.addedNodes].some((n) => n.localName === 'attending-controls'))) return;
      observer.disconnect();
      const responses = [...document.querySelectorAll('[data-message-author-role="assistant"]')];
      window.__first = {
        withControls: responses.filter((el) => el.nextElementSibling?.localName === 'attending-controls').map((el) => el.dataset.messageId),
        inView: responses.filter((el) => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }).map((el) => el.dataset.messageId),
      };
    }).observe(document.documentElement, { childList: true, subtree: true });
  </script></head><body><main>${turns}</main><script>scrollTo(0, document.body.scrollHeight);</script></body></html>`;
}

test('a long conversation gets controls in view first, then on every response', async ({ context }) => {
  await context.route(URL, (route) => route.fulfill({ contentType: 'text/html', body: longConversation() }));
  const page = await context.newPage();
  await page.goto(URL);
  await page.waitForFunction(() => '__first' in window);
  const first = await page.evaluate(
    () => (window as unknown as { __first: { withControls: string[]; inView: string[] } }).__first,
  );
  // Every response in view had its controls; the ones far above did not yet.
  expect(first.inView.length).toBeGreaterThan(2);
  expect(first.withControls).toEqual(expect.arrayContaining(first.inView));
  expect(first.withControls).toContain(`m${TURNS - 1}`);
  expect(first.withControls.length).toBeLessThan(20);
  await expect.poll(async () => (await pageControls(page)).length).toBe(TURNS / 2);
  const controls = await pageControls(page);
  expect(controls.map((c) => c.messageId)).toEqual(Array.from({ length: TURNS / 2 }, (_, i) => `m${2 * i + 1}`));
  expect(controls.every((c) => c.buttons.map((b) => b.label).join() === 'Approve,Improve')).toBe(true);
  // The page lays out and paints only the controls on screen: those far above cost its frames nothing.
  expect(await controlsRendered(page, `m${TURNS - 1}`)).toBe(true);
  expect(await controlsRendered(page, 'm1')).toBe(false);
});
