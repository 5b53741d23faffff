/**
 * The reviewer's whole path, in a real Chromium with the built extension,
 * against the real server: sign in from the popup, see the assigned tasks,
 * approve, improve and rank on the demo chat page, and find exactly those
 * reviews in the server's database and in the lead's view of the API.
 */
import type { Page } from '@playwright/test';
import { SubmissionPage } from '../../utils/schema/api';
import type { Submission } from '../../utils/schema/submission';
import { expect, signedInExpert, test } from './fixtures';
import { clickControl, controlStatus, pageControls } from './shadow';

/** Records, in the page's own JavaScript world, everything a hostile page could listen to. */
async function recordPageEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = { keys: [] as string[], messages: [] as string[], errors: [] as string[] };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    for (const type of ['keydown', 'keypress', 'keyup', 'input', 'beforeinput', 'paste', 'compositionend']) {
      document.addEventListener(
        type,
        (e) => seen.keys.push(`${type}:${(e as KeyboardEvent).key ?? (e as InputEvent).data ?? ''}`),
        true,
      );
    }
    window.addEventListener('message', (e) => seen.messages.push(JSON.stringify(e.data)));
    window.addEventListener('error', (e) => seen.errors.push(String(e.message)));
  });
}

type Seen = { keys: string[]; messages: string[]; errors: string[] };
const seenBy = (page: Page) => page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);

function panelFrame(page: Page) {
  return page.frames().find((f) => f.url().includes('/panel.html'));
}

async function storedSubmissions(server: { db: { query<T>(sql: string): Promise<T[]> } }): Promise<Submission[]> {
  const rows = await server.db.query<{ body: Submission }>('SELECT body FROM submissions ORDER BY received_at');
  return rows.map((r) => r.body);
}

test('an expert signs in, approves, improves and compares on the demo page, and the server holds exactly those reviews', async ({
  context,
  extensionId,
  server,
}) => {
  const popup = await signedInExpert(context, extensionId, server);
  const tasks = popup.getByRole('list', { name: 'Assigned tasks' }).getByRole('listitem');
  await expect(tasks).toHaveCount(12);
  await expect(tasks.first()).toContainText('Outpatient antibiotic choice for community-acquired pneumonia');
  await expect(tasks.first()).toContainText('Internal medicine');
  await expect(tasks.first()).toContainText('~6 min');

  const page = await context.newPage();
  await recordPageEvents(page);
  await page.goto(`${server.url}/demo/chat?startMs=200&tokenMs=15`);
  // Every response gets its controls once it has finished, the streamed one included.
  await expect
    .poll(async () => (await pageControls(page)).map((c) => c.messageId))
    .toEqual(['t2', 't4-v1', 't4-v2', 't6']);
  const controls = await pageControls(page);
  expect(controls.find((c) => c.messageId === 't2')?.buttons.map((b) => b.label)).toEqual(['Approve', 'Improve']);
  expect(controls.find((c) => c.messageId === 't4-v1')?.buttons.map((b) => b.label)).toEqual([
    'Approve',
    'Improve',
    'Rank 2 responses',
  ]);

  // The recorder works: a key typed into the page itself is seen.
  await page.locator('main').click();
  await page.keyboard.press('x');
  expect(await page.evaluate(() => (window as unknown as { __seen: Seen }).__seen.keys.splice(0))).toContain(
    'keydown:x',
  );

  // 1. Approve the chain-of-thought response.
  await clickControl(page, 't2', 'Approve');
  await expect.poll(() => controlStatus(page, 't2')).toBe('Approved · queued for sending');

  // 2. Improve the last response, typing the rewrite into the panel.
  await clickControl(page, 't6', 'Improve');
  await expect.poll(() => panelFrame(page)?.getByLabel('Your rewrite').isVisible()).toBe(true);
  const panel = panelFrame(page);
  if (!panel) throw new Error('no panel');
  const rewrite = panel.getByLabel('Your rewrite');
  await expect(rewrite).toHaveValue(/^Yes\. Sepsis-3 defines septic shock/);
  await rewrite.click();
  await page.keyboard.press('ControlOrMeta+A');
  const typed = 'Yes: on norepinephrine for MAP 65 with lactate 3.1 after 30 mL/kg, she meets Sepsis-3 septic shock.';
  await page.keyboard.type(typed);
  await panel.getByLabel('Comment').click();
  await page.keyboard.type('Say which criteria are met.');
  await page.screenshot({ path: 'docs/overlay-improve.png' });
  await panel.getByRole('button', { name: 'Submit improvement' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Queued');
  await expect.poll(() => page.locator('attending-panel').count()).toBe(0);

  // 3. Compare the two regenerated variants.
  await clickControl(page, 't4-v1', 'Rank 2 responses');
  await expect.poll(() => panelFrame(page)?.getByRole('region', { name: 'Response B' }).isVisible()).toBe(true);
  const comparePanel = panelFrame(page);
  if (!comparePanel) throw new Error('no panel');
  await expect(comparePanel.getByRole('region', { name: 'Response B' })).toContainText(
    'another 2 litres of normal saline',
  );
  await comparePanel.getByLabel('A is much better').check();
  await comparePanel.getByLabel('Why this order').fill('B delays the vasopressor and uses dopamine.');
  await comparePanel.getByRole('button', { name: 'Submit comparison' }).click();
  await expect(comparePanel.getByRole('status').first()).toContainText('Queued');

  // The server's database holds exactly the three reviews, with their content.
  await expect.poll(async () => (await storedSubmissions(server)).length, { timeout: 20_000 }).toBe(3);
  const [approved, improved, ranked] = await storedSubmissions(server);
  const turnText = (s: Submission | undefined, i: number) => s?.capture?.turns[i]?.text ?? '';

  expect(approved?.review).toEqual({ kind: 'approve', turn: 1, comment: '', activeMs: 0 });
  expect(approved?.capture?.turns.map((t) => t.messageId)).toEqual(['t1', 't2']);
  expect(turnText(approved, 1)).toMatch(/^## Is this sepsis\? Step by step\n\n1\. \*\*Is infection likely\?\*\*/);
  expect(approved?.capture?.url).toBe(`${server.url}/demo/chat?startMs=200&tokenMs=15`);

  expect(improved?.review).toMatchObject({
    kind: 'improve',
    turn: 6,
    rewrite: typed,
    comment: 'Say which criteria are met.',
  });
  expect(improved?.review.activeMs).toBeGreaterThan(0);
  expect(turnText(improved, 6)).toMatch(/^Yes\. Sepsis-3 defines septic shock/);
  expect(improved?.capture?.turns[6]).toMatchObject({ role: 'assistant', messageId: 't6', model: 'model-alpha' });

  expect(ranked?.review).toMatchObject({
    kind: 'pairwise',
    a: 3,
    b: 4,
    preference: 'a_much_better',
    comment: 'B delays the vasopressor and uses dopamine.',
  });
  expect(ranked?.capture?.turns.slice(3).map((t) => t.model)).toEqual(['model-alpha', 'model-beta']);

  // Nothing the reviewer typed reached the page's scripts; the extension posted the page no message
  // (which could name it) and threw nothing into it.
  expect(await seenBy(page)).toEqual({ keys: [], messages: [], errors: [] });

  // The lead sees the team's three submissions through the API.
  const res = await fetch(`${server.url}/v1/submissions`, { headers: { Authorization: `Bearer ${server.leadToken}` } });
  const list = SubmissionPage.parse(await res.json());
  expect(list.submissions.map((s) => [s.user.name, s.submission.review.kind])).toEqual([
    ['Dr. Ada Okafor', 'pairwise'],
    ['Dr. Ada Okafor', 'improve'],
    ['Dr. Ada Okafor', 'approve'],
  ]);

  // The popup shows them as sent.
  await popup.reload();
  await expect(popup.locator('#queue-state')).toContainText('3 sent');
  await expect(popup.getByRole('list', { name: 'Queued reviews' }).getByRole('listitem')).toHaveCount(3);
});

test('the streaming response gets its controls only after it has finished', async ({ context, server }) => {
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/chat?startMs=300&tokenMs=60`);
  const t6 = page.locator('[data-message-id="t6"]');
  await expect(t6).toHaveAttribute('aria-busy', 'true');
  await expect.poll(async () => (await pageControls(page)).map((c) => c.messageId)).toEqual(['t2', 't4-v1', 't4-v2']);
  // Watch while it streams: no controls on it at any point.
  while ((await t6.getAttribute('aria-busy')) === 'true') {
    expect((await pageControls(page)).some((c) => c.messageId === 't6')).toBe(false);
    await page.waitForTimeout(250);
  }
  await expect(t6).toContainText('involve the ICU team now');
  await expect.poll(async () => (await pageControls(page)).some((c) => c.messageId === 't6')).toBe(true);
});
