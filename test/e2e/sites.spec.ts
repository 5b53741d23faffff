/**
 * Every saved chat page, served at its real address (the request is answered
 * with the saved page, its scripts removed), so the content script runs as it
 * would on the site: each response on show gets its controls.
 */
import { savedPageForReading } from '../../utils/adapters/saved-page';
import { siteFixtures } from '../support/site-fixtures';
import { expect, test } from './fixtures';
import { pageControls } from './shadow';

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
