/**
 * Passage comments, end to end: words selected on the chat page and in the
 * panel become comments anchored to the exact text of the response, and land
 * on the server with quotes that are in the captured response.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Frame, Page } from '@playwright/test';
import type { Submission } from '../../utils/schema/submission';
import { expect, openPopup, panelOn, signedInExpert, signIn, test } from './fixtures';
import { clickControl, controlStatus, pageControls, pageHighlights } from './shadow';

/** Selects the first occurrence of `words` inside `selector`, as a reviewer dragging over them would. */
async function select(where: Page | Frame, selector: string, words: string): Promise<void> {
  await where.evaluate(
    ([selector, words]) => {
      const root = document.querySelector(selector);
      if (!root) throw new Error(`no ${selector}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(words);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + words.length);
        const selection = document.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        return;
      }
      throw new Error(`"${words}" is not in ${selector}`);
    },
    [selector, words] as const,
  );
}

test('two passage comments, one selected on the page and one in the panel, land with their quotes', async ({
  context,
  extensionId,
  server,
}) => {
  await signedInExpert(context, extensionId, server);
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/chat?startMs=0&tokenMs=1`);
  await expect.poll(async () => (await pageControls(page)).length).toBe(4);

  // "Comment on selection" shows only on the response holding the selection.
  await select(page, '[data-message-id="t2"]', 'systolic 94 mmHg');
  await expect
    .poll(async () => (await pageControls(page)).map((c) => c.buttons.some((b) => b.label === 'Comment on selection')))
    .toEqual([true, false, false, false]);
  await clickControl(page, 't2', 'Comment on selection');
  const panel = await panelOn(page);
  const editor = panel.getByRole('group', { name: /^Comment on “systolic 94 mmHg”/ });
  await editor.getByLabel('Kind of comment').selectOption('factual_error');
  await editor.getByLabel('Comment on the passage').fill('SBP ≤100 mmHg scores: qSOFA is 2, not 1.');
  await editor.getByLabel('Corrected wording (optional)').fill('systolic 94 mmHg ✔ (≤100)');
  await editor.getByRole('button', { name: 'Add comment' }).click();

  // The second, selected in the panel's copy of the response.
  await select(panel, '.passage-source', 'as a single screening tool');
  await panel.getByRole('button', { name: 'Comment on the selection' }).click();
  const second = panel.getByRole('group', { name: /^Comment on “as a single screening tool”/ });
  await second.getByLabel('Kind of comment').selectOption('well_done');
  await second.getByRole('button', { name: 'Add comment' }).click();
  const list = panel.getByRole('list', { name: 'Your passage comments' }).getByRole('listitem');
  await expect(list).toHaveCount(2);
  await expect(panel.locator('.passage-source mark')).toHaveCount(2);
  // Both are highlighted on the page too, as soon as the draft is saved, by kind only (those on screen are drawn).
  const onScreen = () => page.getByText('systolic 94 mmHg').scrollIntoViewIfNeeded();
  const kinds = async () => [...new Set(await pageHighlights(page))].sort();
  await onScreen();
  await expect.poll(kinds).toEqual(['factual_error', 'well_done']);
  await page.screenshot({ path: 'docs/passage-comments.png' });

  // After a reload, from the unsent draft; the panel opens on the same response with both comments.
  await page.reload();
  await onScreen();
  await expect.poll(kinds).toEqual(['factual_error', 'well_done']);
  await clickControl(page, 't2', 'Improve');
  const again = await panelOn(page);
  await expect(again.getByRole('list', { name: 'Your passage comments' }).getByRole('listitem')).toHaveCount(2);
  await again.getByRole('button', { name: 'Approve as is' }).click();
  await expect
    .poll(async () => (await server.db.query<{ body: Submission }>('SELECT body FROM submissions')).length)
    .toBe(1);
  const [row] = await server.db.query<{ body: Submission }>('SELECT body FROM submissions');
  const submission = row?.body;
  const text = submission?.capture?.turns[1]?.text ?? '';
  expect(submission?.review.passages?.map((p) => [p.category, p.quote.exact, p.comment, p.correction])).toEqual([
    ['factual_error', 'systolic 94 mmHg', 'SBP ≤100 mmHg scores: qSOFA is 2, not 1.', 'systolic 94 mmHg ✔ (≤100)'],
    ['well_done', 'as a single screening tool', '', undefined],
  ]);
  for (const p of submission?.review.passages ?? []) expect(text.slice(p.start, p.end)).toBe(p.quote.exact);

  // Sent, they still show after a reload; where the response changed, the lost one is named, not dropped.
  await page.reload();
  await onScreen();
  await expect.poll(kinds).toEqual(['factual_error', 'well_done']);
  await page.route(/\/demo\/chat/, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replaceAll('systolic 94 mmHg', 'SBP ninety-four');
    await route.fulfill({ response, body });
  });
  await page.reload();
  await page.getByText('as a single screening tool').scrollIntoViewIfNeeded();
  await expect.poll(kinds).toEqual(['well_done']);
  await expect.poll(() => controlStatus(page, 't2')).toContain('A comment no longer found here: “systolic 94 mmHg”');

  // The lead sees both on the audit page, marked in the response the expert read.
  const popup = await openPopup(context, extensionId);
  await popup.getByRole('button', { name: 'Sign out' }).click();
  await signIn(popup, server.url, server.leadToken);
  const item = popup.getByRole('list', { name: 'Audit queue' }).getByRole('listitem');
  await expect(item).toHaveCount(1);
  const [auditPage] = await Promise.all([
    context.waitForEvent('page'),
    item.getByRole('button', { name: /Audit Dr\. Ada Okafor's review/ }).click(),
  ]);
  const card = auditPage.getByRole('article', { name: 'Dr. Ada Okafor: approved' });
  const comments = card.getByRole('list', { name: 'Passage comments' }).getByRole('listitem');
  await expect(comments).toHaveCount(2);
  await expect(comments.first()).toContainText('SBP ≤100 mmHg scores: qSOFA is 2, not 1.');
  expect(await new AxeBuilder({ page: auditPage }).analyze().then((r) => r.violations)).toEqual([]);
  await expect(card.getByRole('document', { name: /passages commented on/ }).locator('mark')).toHaveText([
    'systolic 94 mmHg',
    'as a single screening tool',
  ]);
});
