/**
 * The options page: sign in, switch a site off (its pages get no controls,
 * and are not read) and on again, and see the keyboard shortcuts. It passes
 * axe-core.
 */
import AxeBuilder from '@axe-core/playwright';
import { savedPageForReading } from '../../utils/adapters/saved-page';
import { siteFixtures } from '../support/site-fixtures';
import { expect, signIn, test } from './fixtures';
import { pageControls } from './shadow';

test('the options page signs in, switches a site off and on, and lists the shortcuts', async ({
  context,
  extensionId,
  server,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await signIn(options, server.url, server.expertToken);
  await expect(options.getByText('Signed in as')).toContainText('Dr. Ada Okafor');
  const shortcuts = options.getByRole('region', { name: 'Keyboard shortcuts' }).getByRole('row');
  await expect(shortcuts).toHaveCount(4);
  // Headless Chromium assigns no suggested keys, so the keys may read "not set"; the commands are listed.
  await expect(shortcuts.first()).toContainText('Approve the response you went to');
  expect(await new AxeBuilder({ page: options }).analyze().then((r) => r.violations)).toEqual([]);
  await options.screenshot({ path: 'docs/options.png', fullPage: true });

  const fixture = siteFixtures().find((f) => f.name.startsWith('chatgpt'));
  if (!fixture) throw new Error('no ChatGPT fixture');
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await context.route(fixture.expected.url, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: savedPageForReading(fixture.html) }),
  );
  const chatgpt = options.getByRole('list', { name: 'Sites with review controls' }).getByLabel('ChatGPT');
  await chatgpt.uncheck();
  const page = await context.newPage();
  await page.goto(fixture.expected.url);
  // The other pages' controls come within a second; this one must get none.
  await page.waitForTimeout(1500);
  expect(await pageControls(page)).toEqual([]);

  await chatgpt.check();
  await page.reload();
  await expect.poll(async () => (await pageControls(page)).length).toBeGreaterThan(0);
});
