/**
 * A hostile chat page (test/fixtures/hostile/chat.html) against the extension,
 * in a real Chromium with the real server. The page records everything its
 * scripts can observe, patches `attachShadow`, hides and restyles the
 * controls with CSS, forges clicks, events and messages, lays a decoy over a
 * button, frames the panel on its own, and serves model output full of markup
 * and a million-character answer. Each attack must fail, and the reviewer's
 * work must go on.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import type { Submission } from '../../utils/schema/submission';
import { expect, panelOn, signedInExpert, type TestServer, test } from './fixtures';
import { clickControl, controlBox, controlStatus, pageControls, pageHighlights } from './shadow';

const HOSTILE_URL = 'http://127.0.0.1:9/demo/hostile';
const SECRET = 'Zq7-confidential-critique';
/** What the fixture's `__forge()` posts. */
const FORGED = { type: 'panel.submit', review: { kind: 'approve', turn: 1, comment: '', activeMs: 0 } };

type Seen = {
  events: string[];
  mutations: string[];
  selections: string[];
  shadowRoots: number;
  messages: string[];
  errors: string[];
};

async function hostilePage(context: BrowserContext): Promise<Page> {
  const html = readFileSync('test/fixtures/hostile/chat.html', 'utf8');
  await context.route(HOSTILE_URL, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  const page = await context.newPage();
  await page.goto(HOSTILE_URL);
  await expect.poll(async () => (await pageControls(page)).map((c) => c.messageId)).toEqual(['h2', 'h4']);
  return page;
}

async function stored(server: TestServer): Promise<Submission[]> {
  const rows = await server.db.query<{ body: Submission }>('SELECT body FROM submissions ORDER BY received_at');
  return rows.map((r) => r.body);
}

const seenBy = (page: Page) => page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);

test('the page can neither pry into the controls, restyle them, nor forge a click, an event or a message', async ({
  context,
  extensionId,
  server,
}) => {
  await signedInExpert(context, extensionId, server);
  const page = await hostilePage(context);

  // The page's patched attachShadow was never used, and the roots stay closed.
  expect((await seenBy(page)).shadowRoots).toBe(0);
  expect(
    await page.evaluate(() =>
      Array.from(document.querySelectorAll('attending-controls'), (host) => host.shadowRoot === null),
    ),
  ).toEqual([true, true]);

  // The page's CSS (display: none, opacity: 0, transparent buttons) does not reach the controls.
  const approve = await controlBox(page, 'h2', 'Approve');
  expect(approve.width).toBeGreaterThan(40);
  expect(approve.height).toBeGreaterThan(16);
  expect(approve.style.color).not.toBe('rgba(0, 0, 0, 0)');
  expect(approve.style.visibility).toBe('visible');

  // Every forgery at once, with the panel open too (so the page has a frame to post to).
  await clickControl(page, 'h2', 'Improve');
  const panel = await panelOn(page);
  await expect(panel.getByLabel('Your rewrite')).toBeVisible();
  await page.evaluate(() => (window as unknown as { __forge(): void }).__forge());
  await page.waitForTimeout(1_500);
  await expect(panel.getByText('Queued')).toHaveCount(0);
  expect(await controlStatus(page, 'h2')).toBe('');
  expect(await controlStatus(page, 'h4')).toBe('');
  expect(await stored(server)).toEqual([]);

  // A real click still works: the user's approval lands, and the site's own feedback buttons were never pressed.
  await panel.getByRole('button', { name: 'Close the review panel' }).click();
  await clickControl(page, 'h4', 'Approve');
  await expect.poll(() => controlStatus(page, 'h4')).toBe('Approved · queued for sending');
  await expect.poll(async () => (await stored(server)).length).toBe(1);
  // The million-character answer is captured, cut to the limit of a turn.
  const [approved] = await stored(server);
  expect(approved?.review).toMatchObject({ kind: 'approve', turn: 3 });
  expect(approved?.capture?.turns[3]?.text).toHaveLength(400_000);
  expect(await page.evaluate(() => (window as unknown as { __nativeFeedback: number }).__nativeFeedback)).toBe(0);
  // The only message the page saw is the one it posted to itself.
  expect((await seenBy(page)).messages).toEqual([JSON.stringify(FORGED)]);
});

test('a decoy laid over Approve does not turn the click it catches into an approval', async ({
  context,
  extensionId,
  server,
}) => {
  await signedInExpert(context, extensionId, server);
  const page = await hostilePage(context);
  const box = await controlBox(page, 'h2', 'Approve');
  const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
  await page.evaluate(
    ([x, y, w, h]) => (window as unknown as { __decoy(...n: number[]): void }).__decoy(x ?? 0, y ?? 0, w ?? 0, h ?? 0),
    [box.x + scroll.x - 20, box.y + scroll.y - 10, box.width + 40, box.height + 20],
  );
  // The user clicks on "Claim your prize"; the click goes through the decoy to Approve.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect
    .poll(() => controlStatus(page, 'h2'))
    .toBe('The page covered these controls: approve in the review panel');
  // Nothing was approved; the panel opened instead, where the reviewer sees what they approve.
  const panel = await panelOn(page);
  await expect(panel.getByLabel('Your rewrite')).toBeVisible();
  await page.waitForTimeout(500);
  expect(await stored(server)).toEqual([]);
});

test('markup in model output is captured as text and stays inert in the panel; nothing typed reaches the page', async ({
  context,
  extensionId,
  server,
}) => {
  await signedInExpert(context, extensionId, server);
  const page = await hostilePage(context);
  await clickControl(page, 'h2', 'Improve');
  const panel = await panelOn(page);
  const rewrite = panel.getByLabel('Your rewrite');
  await expect(rewrite).toHaveValue(/<script>parent\.__pwned = 'script'<\/script>/);

  // The preview renders the markup as sanitized markdown: nothing runs, nothing is fetched.
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('chrome-extension://') && r.url() !== HOSTILE_URL) fetched.push(r.url());
  });
  // A click in the first moments of the framed panel is sometimes lost in headless Chromium: press until pressed.
  await expect(async () => {
    await panel.getByRole('button', { name: 'Preview' }).click();
    await expect(panel.getByRole('button', { name: 'Preview' })).toHaveAttribute('aria-pressed', 'true', {
      timeout: 500,
    });
  }).toPass();
  const preview = panel.getByRole('document', { name: 'Preview of your rewrite' });
  await expect(preview).toContainText('Avoid ibuprofen');
  expect(await preview.locator('script, img, iframe, svg, [onerror], [onload], a[href^="javascript"]').count()).toBe(0);
  await page.waitForTimeout(500);
  const pwned = () => (window as unknown as { __pwned?: string }).__pwned ?? null;
  expect(await panel.evaluate(pwned)).toBeNull();
  expect(await page.evaluate(pwned)).toBeNull();
  expect(fetched).toEqual([]);

  // The reviewer types, selects, pastes: the page sees none of it.
  await panel.getByRole('button', { name: 'Edit' }).click();
  await rewrite.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(`Avoid NSAIDs with warfarin. ${SECRET}`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+C');
  await panel.getByLabel('Comment', { exact: true }).click();
  await page.keyboard.press('ControlOrMeta+V');
  await page.keyboard.type(' Cite the interaction.');
  // A passage comment, highlighted on the page: its words stay in the extension.
  await panel.locator('.passage-source').evaluate((source) => {
    const text = source.firstChild?.firstChild as Text;
    const at = text.data.indexOf('serious bleeding');
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + 'serious bleeding'.length);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
  });
  await panel.getByRole('button', { name: 'Comment on the selection' }).click();
  await panel.getByLabel('Comment on the passage').fill(`Quantify it. ${SECRET}`);
  await panel.getByRole('button', { name: 'Add comment' }).click();
  await expect.poll(() => pageHighlights(page)).toEqual(['factual_error']);
  await panel.getByRole('button', { name: 'Submit improvement' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Queued');
  await expect.poll(async () => (await stored(server)).length).toBe(1);
  const [improved] = await stored(server);
  expect(improved?.review).toMatchObject({ kind: 'improve', rewrite: `Avoid NSAIDs with warfarin. ${SECRET}` });
  // Captured as text: the markup is there as characters.
  expect(improved?.capture?.turns[1]?.text).toContain(`<img src=x onerror="parent.__pwned = 'img'">`);

  const seen = await seenBy(page);
  expect(JSON.stringify(seen)).not.toContain(SECRET);
  expect(JSON.stringify(seen)).not.toContain('NSAIDs');
  expect(seen.messages).toEqual([]);
  expect(seen.errors).toEqual([]);
  // Nothing of the review, the token or the extension in anything the page can read.
  const readable = await page.evaluate(async () => {
    const databases = await indexedDB.databases();
    return JSON.stringify({
      dom: document.documentElement.outerHTML,
      local: { ...localStorage },
      session: { ...sessionStorage },
      cookie: document.cookie,
      databases: databases.map((d) => d.name),
      timing: performance.getEntries().map((e) => e.name),
    });
  });
  for (const secret of [SECRET, 'NSAIDs', server.expertToken, extensionId]) expect(readable).not.toContain(secret);
});

test('a page that frames the panel itself gets nothing, at its fixed address or at the live address of an open one', async ({
  context,
  extensionId,
  server,
}) => {
  await signedInExpert(context, extensionId, server);
  const page = await hostilePage(context);
  await clickControl(page, 'h2', 'Improve');
  const opened = (await panelOn(page)).url();
  await expect((await panelOn(page)).getByLabel('Your rewrite')).toBeVisible();

  // Suppose the page learnt the open panel's address (session included): it frames it in the same tab and in
  // another, and tries the panel's fixed address too.
  const frameIn = (target: Page, src: string) =>
    target.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      frame.className = 'stolen';
      document.body.append(frame);
    }, src);
  const fixed = `chrome-extension://${extensionId}/panel.html#${new URL(opened).hash.slice(1)}`;
  await frameIn(page, opened);
  const other = await hostilePage(context);
  await frameIn(other, opened);
  await frameIn(other, fixed);
  const stolen = async (target: Page): Promise<Frame[]> => {
    const out: Frame[] = [];
    for (const f of target.frames().slice(1)) {
      if ((await (await f.frameElement()).getAttribute('class')) === 'stolen') out.push(f);
    }
    return out;
  };
  await expect.poll(async () => (await stolen(page)).length).toBe(1);
  await expect.poll(async () => (await stolen(other)).length).toBe(2);
  const [inSameTab] = await stolen(page);
  const [inOtherTab, atFixedAddress] = await stolen(other);
  if (!inSameTab || !inOtherTab || !atFixedAddress) throw new Error('frames missing');
  // Chrome loads the panel only in the frame the extension made: a frame the page made is blocked, even at the
  // live address (and the session would be refused anyway: test/unit/sessions.test.ts).
  for (const frame of [inSameTab, inOtherTab, atFixedAddress]) {
    await expect.poll(() => frame.url()).toBe('chrome-error://chromewebdata/');
  }
  // The reviewer's own panel is unaffected.
  await expect((await panelOn(page)).getByLabel('Your rewrite')).toBeVisible();
  await page.waitForTimeout(500);
  expect(await stored(server)).toEqual([]);
});
