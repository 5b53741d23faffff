/**
 * Every saved chat page, served at its real address (the request is answered
 * with the saved page, its scripts removed), so the content script runs as it
 * would on the site: each response on show gets its controls.
 */
import { savedPageForReading } from '../../utils/adapters/saved-page';
import { siteFixtures } from '../support/site-fixtures';
import { expect, panelOn, signedInExpert, test } from './fixtures';
import { clickControl, pageControls } from './shadow';

test('controls appear on every response of every saved chat page', async ({ context }) => {
  // Nothing leaves the machine: sub-resources of the saved pages fail at once.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  for (const { name, html, expected } of siteFixtures()) {
    await context.route(expected.url, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: savedPageForReading(html) }),
    );
    const page = await context.newPage();
    await page.goto(expected.url);
    const shown = expected.turns.filter((t) => t.role === 'assistant' && t.shown !== false).length;
    await expect.poll(async () => (await pageControls(page)).length, { message: name }).toBe(shown);
    await page.close();
    await context.unroute(expected.url);
  }
});

test("the variants a reader pages through with ChatGPT's regenerate pager can be compared", async ({
  context,
  extensionId,
  server,
}) => {
  const fixture = siteFixtures().find((f) => f.name.endsWith('handmade_chatgpt_regenerate-pager_1x'));
  if (!fixture) throw new Error('pager fixture missing');
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await context.route(fixture.expected.url, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: savedPageForReading(fixture.html) }),
  );
  await signedInExpert(context, extensionId, server);

  const page = await context.newPage();
  await page.goto(fixture.expected.url);
  await expect.poll(async () => (await pageControls(page)).map((c) => c.buttons.length)).toEqual([2]);
  // The reader clicks "next": the page swaps in the third variant, as ChatGPT does.
  await page.evaluate(() => {
    const old = document.querySelector('[data-message-author-role="assistant"]');
    const next = old?.cloneNode(true) as HTMLElement;
    next.setAttribute('data-message-id', 'variant-3');
    const markdown = next.querySelector('.markdown');
    if (markdown) markdown.innerHTML = '<p>Give potassium chloride 10 mEq/h peripherally; no faster.</p>';
    old?.replaceWith(next);
  });
  await expect.poll(async () => (await pageControls(page)).map((c) => c.messageId)).toEqual(['variant-3']);
  await expect
    .poll(async () => (await pageControls(page))[0]?.buttons.map((b) => b.label))
    .toEqual(['Approve', 'Improve', 'Rank 2 responses']);
  await clickControl(page, 'variant-3', 'Rank 2 responses');
  const panel = await panelOn(page);
  await expect(panel.getByRole('region', { name: 'Response A' })).toContainText('no faster');
  await expect(panel.getByRole('region', { name: 'Response B' })).toContainText('10 mEq per hour');
  await panel.getByLabel('B is better').check();
  await panel.getByRole('button', { name: 'Submit comparison' }).click();
  await expect
    .poll(async () => {
      const rows = await server.db.query<{
        body: { capture: { site: string; turns: { text: string }[] }; review: unknown };
      }>('SELECT body FROM submissions');
      return rows.map((r) => [r.body.capture.site, r.body.capture.turns.length, r.body.review]);
    })
    .toEqual([
      [
        'chatgpt',
        3,
        { kind: 'pairwise', a: 1, b: 2, preference: 'b_better', comment: '', activeMs: expect.any(Number) },
      ],
    ]);
});
