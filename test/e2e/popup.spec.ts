/**
 * The popup: sign-in errors a clinician can act on, the quick rating of the
 * tab's latest response, and a review the server refuses (kept, with the
 * server's reason, never dropped).
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Submission } from '../../utils/schema/submission';
import {
  type ExtensionGlobal,
  expect,
  openPopup,
  panelOn,
  pressCommand,
  signedInExpert,
  signIn,
  test,
} from './fixtures';
import { pageNotice } from './shadow';

test('sign-in says what is wrong with an unreachable server and with a wrong token', async ({
  context,
  extensionId,
  server,
}) => {
  const popup = await openPopup(context, extensionId);
  await signIn(popup, 'http://127.0.0.1:9', server.expertToken);
  await expect(popup.getByRole('alert')).toContainText('Cannot reach the server at http://127.0.0.1:9');
  await signIn(popup, server.url, 'att_wrong');
  await expect(popup.getByRole('alert')).toContainText('The server did not accept this token');
  await signIn(popup, 'chatgpt', server.expertToken);
  await expect(popup.getByLabel('Task server')).toHaveJSProperty('validity.valid', false);
  await signIn(popup, server.url, server.expertToken);
  await expect(popup.getByText('Dr. Ada Okafor')).toBeVisible();
});

test('a new member connects with the one-time invite code their lead made', async ({
  context,
  extensionId,
  server,
}) => {
  // The lead makes the code in their popup…
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, server.leadToken);
  await popup.getByText('Invite a new expert').click();
  await popup.getByLabel('Their name').fill('Dr. Lucía Ortega');
  await popup.getByLabel('Specialty').selectOption('cardiology');
  await popup.getByRole('button', { name: 'Make an invite code' }).click();
  const code = (await popup.locator('.invite-code').textContent()) ?? '';
  // The lead's popup, invite form open, passes axe-core.
  expect(await new AxeBuilder({ page: popup }).analyze().then((r) => r.violations)).toEqual([]);
  expect(code).toMatch(/^\w{4}-\w{4}-\w{4}$/);
  const made = { code };
  // …and the new expert, on their own browser, connects with it.
  await popup.getByRole('button', { name: 'Sign out' }).click();
  await popup.getByLabel('Task server').fill(server.url);
  // Typed as read out: lower case, with spaces.
  await popup.getByLabel('Invite code', { exact: true }).fill(made.code.toLowerCase().replaceAll('-', ' '));
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(popup.getByText('Dr. Lucía Ortega')).toBeVisible();
  // Her first run: an introduction with the sites and a demo page to try a first review on.
  const intro = popup.getByRole('region', { name: 'Getting started' });
  await expect(intro).toContainText('ChatGPT');
  await popup.screenshot({ path: 'docs/popup-first-run.png', fullPage: true });
  const [demo] = await Promise.all([
    context.waitForEvent('page'),
    intro.getByRole('button', { name: 'Open the demo page' }).click(),
  ]);
  await expect(demo).toHaveURL(`${server.url}/demo/chat`);
  await demo.close();
  await intro.getByRole('button', { name: 'Got it' }).click();
  await popup.reload();
  await expect(popup.getByText('Dr. Lucía Ortega')).toBeVisible();
  await expect(popup.getByRole('region', { name: 'Getting started' })).toHaveCount(0);

  // The code worked once.
  await popup.getByRole('button', { name: 'Sign out' }).click();
  await popup.getByLabel('Task server').fill(server.url);
  await popup.getByLabel('Invite code', { exact: true }).fill(made.code);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(popup.getByRole('alert')).toContainText(
    'This invite code was already used: ask your lead for a new one',
  );
});

test('quick rating approves the latest response of the tab in two clicks', async ({ context, extensionId, server }) => {
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/chat?startMs=0&tokenMs=1`);
  await expect(page.locator('[data-message-id="t6"]')).not.toHaveAttribute('aria-busy', 'true');
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, server.expertToken);
  const quick = popup.getByRole('region', { name: 'This tab' });
  await expect(quick).toContainText('3 prompts, 4 responses');
  await expect(quick).toContainText('Yes. Sepsis-3 defines septic shock');
  await quick.getByRole('button', { name: 'Approve' }).click();
  await expect(quick.getByRole('status')).toHaveText('Approved · queued for sending');
  await expect
    .poll(async () =>
      (await server.db.query<{ body: { review: unknown } }>('SELECT body FROM submissions')).map((r) => r.body.review),
    )
    .toEqual([{ kind: 'approve', turn: 6, comment: '', activeMs: 0 }]);
});

test('a quick rating can be given detail later in the panel; the detailed review supersedes it', async ({
  context,
  extensionId,
  server,
}) => {
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/chat?startMs=0&tokenMs=1`);
  await expect(page.locator('[data-message-id="t6"]')).not.toHaveAttribute('aria-busy', 'true');
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, server.expertToken);
  await popup.getByRole('region', { name: 'This tab' }).getByRole('button', { name: 'Approve' }).click();
  await expect(popup.locator('#queue-state')).toContainText('1 sent');

  const opened = context.waitForEvent('page');
  await popup.getByRole('button', { name: /^Add detail to this approval/ }).click();
  const panel = await opened;
  await panel.getByLabel('Comment').fill('Correct and complete; cite Sepsis-3.');
  await panel.getByText('Safety flags').click();
  await panel.getByLabel('Overconfident, or uncertainty missing').check();
  await panel.getByLabel('Severity').selectOption('minor');
  // A safety flag owes a rationale.
  await panel.getByRole('button', { name: 'Approve as is' }).click();
  await expect(panel.getByLabel('Rationale (required)')).toBeFocused();
  await panel.getByLabel('Rationale (required)').fill('States certainty the evidence does not give.');
  await panel.getByRole('button', { name: 'Approve as is' }).click();

  await expect
    .poll(
      async () =>
        (await server.db.query<{ body: Submission }>('SELECT body FROM submissions ORDER BY received_at')).length,
    )
    .toBe(2);
  const [quick, detailed] = (
    await server.db.query<{ body: Submission }>('SELECT body FROM submissions ORDER BY received_at')
  ).map((r) => r.body);
  expect(detailed?.supersedes).toBe(quick?.id);
  expect(detailed?.capture).toEqual(quick?.capture);
  expect(detailed?.review).toMatchObject({
    kind: 'approve',
    turn: 6,
    comment: 'Correct and complete; cite Sepsis-3.',
    safetyFlags: [{ code: 'overconfident', severity: 'minor' }],
    assessment: { rationale: 'States certainty the evidence does not give.' },
  });
});

test('quick rating says when the layout of the page is not recognized', async ({ context, extensionId, server }) => {
  const page = await context.newPage();
  await page.route(`${server.url}/demo/notes`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><title>Notes</title><p>Ward notes.</p>',
    }),
  );
  await page.goto(`${server.url}/demo/notes`);
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, server.expertToken);
  await expect(popup.getByRole('region', { name: 'This tab' })).toContainText('Layout not recognized');
});

test('on a supported site whose layout changed, the popup names the site and offers the manual fallback', async ({
  context,
  extensionId,
  server,
  serviceWorker,
}) => {
  await context.route('https://chatgpt.com/c/renamed', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><title>ChatGPT</title><main><div class="turn-v9"><p>Some answer.</p></div></main>',
    }),
  );
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/c/renamed');
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, server.expertToken);
  const quick = popup.getByRole('region', { name: 'This tab' });
  await expect(quick).toContainText('Layout not recognized on ChatGPT');
  await expect(quick.getByRole('button', { name: 'Review selection' })).toBeVisible();
  // A keyboard command on the page says so on the page, where it was pressed.
  expect(await pageNotice(page)).toBe('');
  await pressCommand(serviceWorker, page, { type: 'response.approve' });
  await expect
    .poll(() => pageNotice(page))
    .toBe(
      'Attending: Layout not recognized, or no conversation yet: no model responses found on this page. ' +
        'To review a response anyway, select its text, right-click it and choose Review selection with Attending.',
    );
});

test('a review the server refuses stays in the queue with the reason, and the rest are delivered', async ({
  context,
  extensionId,
  server,
}) => {
  const popup = await signedInExpert(context, extensionId, server);
  // Page text with a NUL character passes the extension's checks, but PostgreSQL cannot store it.
  const capture = (text: string) => ({
    site: 'generic',
    url: 'https://chatgpt.com/c/1',
    title: 'Chat',
    capturedAt: new Date().toISOString(),
    turns: [
      { role: 'user', text: 'Q', anchor: { exact: 'Q', prefix: '', suffix: '' } },
      { role: 'assistant', text, anchor: { exact: text, prefix: '', suffix: '' } },
    ],
  });
  const approve = (text: string) =>
    popup.evaluate(
      // The popup is an extension page: `chrome` is its extension API.
      (message) => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage(message),
      { type: 'review.approve', capture: capture(text), turn: 1 } as const,
    );
  expect(await approve('A\u0000')).toMatchObject({ ok: true });
  expect(await approve('Fine answer')).toMatchObject({ ok: true });

  await expect(popup.locator('#queue-state')).toContainText('1 refused');
  await expect(popup.locator('#queue-state')).toContainText('1 sent');
  const refused = popup.locator('li[data-state="failed"]');
  await expect(refused).toContainText(
    'Refused by the server: capture.turns.1.text: Text contains a NUL character (U+0000), which cannot be stored',
  );
  const [row] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM submissions');
  expect(row?.n).toBe(1);

  // Retrying does not lose it: it is refused again, and kept.
  await popup.getByRole('button', { name: 'Retry now' }).click();
  await expect(refused).toContainText('Refused by the server');
  await expect(popup.locator('#queue-state')).toContainText('1 refused');

  // The last resort: the whole queue as a file, the refused review with its reason.
  const download = popup.waitForEvent('download');
  await popup.getByRole('button', { name: 'Export' }).click();
  const file = await (await download).path();
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(lines.map((l) => l.state).sort()).toEqual(['failed', 'sent']);
  const failed = lines.find((l) => l.state === 'failed');
  expect(failed.lastError).toBe('capture.turns.1.text: Text contains a NUL character (U+0000), which cannot be stored');
  expect(failed.submission.capture.turns[1].text).toBe('A\u0000');
});

test('on a page no adapter reads, the selected text can be reviewed from the popup', async ({
  context,
  extensionId,
  server,
}) => {
  const page = await context.newPage();
  await page.route(`${server.url}/demo/article`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><title>Notes</title><main><p>Intro.</p>
        <div id="answer"><p>Give <strong>epinephrine 0.5 mg IM</strong> first.</p><ul><li>Repeat in 5–15 min.</li></ul></div></main>`,
    }),
  );
  await page.goto(`${server.url}/demo/article`);
  await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('answer') as Node);
    document.getSelection()?.addRange(range);
  });
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, server.expertToken);
  const quick = popup.getByRole('region', { name: 'This tab' });
  await expect(quick).toContainText('Layout not recognized on this page');
  await quick.getByRole('button', { name: 'Review selection' }).click();

  const panel = await panelOn(page);
  await expect(panel.getByLabel('Your rewrite')).toHaveValue(
    'Give **epinephrine 0.5 mg IM** first.\n\n- Repeat in 5–15 min.',
  );
  await panel.getByRole('button', { name: 'Approve as is' }).click();
  await expect
    .poll(async () =>
      (await server.db.query<{ body: { capture: { site: string; url: string } } }>('SELECT body FROM submissions')).map(
        (r) => [r.body.capture.site, r.body.capture.url],
      ),
    )
    .toEqual([['selection', `${server.url}/demo/article`]]);
});
