/**
 * A team lead's work, in a real Chromium with the built extension against the
 * real server: the audit queue and project agreement in the popup, the team's
 * reviews under each response of a page, accept and return from the audit
 * overlay, a private conversation replayed on the audit page, and a fix made
 * in the review panel. Decisions go through the outbox to the database.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { seedDemoReviews } from '../../server/demo/reviews';
import { expect, openPopup, signIn, type TestServer, test } from './fixtures';
import { clickControl, controlsAxeViolations, pageControls } from './shadow';

function panelFrame(page: Page) {
  return page.frames().find((f) => f.url().includes('/panel.html'));
}

/** Sends a review as the demo expert, straight to the server (as their extension would have); the reply's status. */
async function submitAsExpert(server: TestServer, review: { capture: object; review: object; taskId?: string }) {
  const submission = { id: crypto.randomUUID(), schemaVersion: 1, ...review, createdAt: new Date().toISOString() };
  const res = await fetch(`${server.url}/v1/submissions/batch`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.expertToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ submissions: [submission] }),
  });
  return res.status;
}

/** The lead signs in to the popup, finds the expert's one review in the audit queue and opens it on the audit page. */
async function auditTheOneQueued(context: BrowserContext, extensionId: string, server: TestServer): Promise<Page> {
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, server.leadToken);
  await expect(popup.getByText('Dr. Sam Lee')).toBeVisible();
  const item = popup.getByRole('list', { name: 'Audit queue' }).getByRole('listitem');
  await expect(item).toHaveCount(1);
  const [auditPage] = await Promise.all([
    context.waitForEvent('page'),
    item.getByRole('button', { name: /Audit Dr\. Ada Okafor's review/ }).click(),
  ]);
  return auditPage;
}

async function audits(server: TestServer) {
  return server.db.query<{
    action: string;
    comment: string;
    review: { kind: string; rewrite?: string; assessment?: { answers?: Record<string, unknown> } } | null;
    name: string;
  }>(
    `SELECT a.action, a.comment, a.review, u.name
       FROM audits a JOIN submissions s ON s.id = a.submission_id JOIN users u ON u.id = s.user_id
      ORDER BY u.name`,
  );
}

test('a lead audits the demo page in place: accepts one review, returns the other, and the expert finds it returned', async ({
  context,
  extensionId,
  server,
}) => {
  await seedDemoReviews(server.db, server, `${server.url}/demo/chat`);
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, server.leadToken);
  await expect(popup.getByText('Dr. Sam Lee')).toBeVisible();

  // The popup's queue shows both reviews; the severity filter keeps the flagged one.
  const queue = popup.getByRole('list', { name: 'Audit queue' }).getByRole('listitem');
  await expect(queue).toHaveCount(2);
  await popup.getByText('Filters').click();
  await popup.getByLabel('Safety flags').selectOption('major');
  await expect(queue).toHaveCount(1);
  await expect(queue.first()).toContainText('Dr. Ada Okafor');
  await expect(queue.first()).toContainText('error at step 3');

  // Project agreement: the two experts disagree on step 3 of the one task they share.
  await popup.getByRole('button', { name: 'Agreement in Acute care review' }).click();
  await expect(popup.getByText('1 task reviewed by two or more experts')).toBeVisible();
  await expect(popup.getByRole('row', { name: /Step ratings, α \(ordinal\)/ })).toHaveText(/-?\d\.\d\d$/);

  // On the page, the reviewed response shows the team's reviews and an Audit button; the others do not.
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/chat`);
  await expect
    .poll(async () => (await pageControls(page)).find((c) => c.messageId === 't2')?.reviews)
    .toBe('2 reviews · 1 error at step 3, 1 steps correct · 1 major flag · 2 to audit');
  await expect.poll(async () => (await pageControls(page)).length).toBe(4);
  const controls = await pageControls(page);
  expect(controls.find((c) => c.messageId === 't2')?.buttons.map((b) => b.label)).toContain('Audit');
  expect(controls.find((c) => c.messageId === 't6')?.buttons.map((b) => b.label)).not.toContain('Audit');
  expect(await controlsAxeViolations(page, 't2')).toEqual([]);

  await clickControl(page, 't2', 'Audit');
  await expect.poll(() => panelFrame(page)?.getByRole('article').count()).toBe(2);
  const panel = panelFrame(page);
  if (!panel) throw new Error('no panel');
  await expect(panel.getByText("Step ratings (2 experts): Krippendorff's α (ordinal)")).toBeVisible();
  const ada = panel.getByRole('article', { name: 'Dr. Ada Okafor: error at step 3' });
  await expect(ada.getByRole('list', { name: 'Step labels' }).getByRole('listitem').nth(2)).toContainText('−1 wrong');
  await expect(ada).toContainText('Diagnostic error (major)');
  await page.screenshot({ path: 'docs/audit-overlay.png' });
  await ada.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(ada.getByRole('status')).toHaveText('Accepted · queued for sending');

  const priya = panel.getByRole('article', { name: 'Dr. Priya Raman: steps correct' });
  await priya.getByRole('button', { name: 'Return to Dr. Priya Raman' }).click();
  await expect(priya.getByRole('alert')).toHaveText('Tell the expert what to change');
  await priya.getByLabel('Your comment to Dr. Priya Raman').fill('Step 3: the qSOFA systolic criterion is ≤100 mmHg.');
  await priya.getByRole('button', { name: 'Return to Dr. Priya Raman' }).click();
  await expect(priya.getByRole('status')).toHaveText('Returned to the expert · queued for sending');

  // Both decisions reach the server through the outbox.
  await expect
    .poll(async () => (await audits(server)).map((a) => [a.name, a.action]), { timeout: 20_000 })
    .toEqual([
      ['Dr. Ada Okafor', 'accept'],
      ['Dr. Priya Raman', 'return'],
    ]);

  // The returned task is back in Dr. Raman's popup, with the lead's comment.
  await popup.reload();
  await popup.getByRole('button', { name: 'Sign out' }).click();
  await signIn(popup, server.url, server.secondExpertToken);
  const task = popup.getByRole('list', { name: 'Assigned tasks' }).getByRole('listitem').first();
  await expect(task).toContainText('returned');
  await expect(task).toContainText('Returned by your lead: Step 3: the qSOFA systolic criterion is ≤100 mmHg.');
  // An expert's popup has no audit queue, and an expert's page shows no team reviews.
  await expect(popup.getByRole('heading', { name: /Audit queue/ })).toHaveCount(0);
  await page.reload();
  await expect.poll(async () => (await pageControls(page)).length).toBe(4);
  await page.waitForTimeout(2000);
  expect((await pageControls(page)).every((c) => c.reviews === '' && !c.buttons.some((b) => b.label === 'Audit'))).toBe(
    true,
  );
});

test('the audit page replays a private conversation as inert text, and a fix made in the panel is accepted', async ({
  context,
  extensionId,
  server,
}) => {
  // An expert's improvement of a private chat the lead cannot open, with markup that must not run.
  const hostile = 'Start **norepinephrine** now. <img src=x onerror="window.__ran=1"><script>window.__ran=2</script>';
  const capture = {
    site: 'chatgpt',
    url: 'https://chatgpt.com/c/private-1234',
    title: 'Private: vasopressor choice',
    capturedAt: new Date().toISOString(),
    turns: [
      {
        role: 'user',
        text: 'MAP 58 after 30 mL/kg. Next step?',
        anchor: { exact: 'MAP 58', prefix: '', suffix: '' },
      },
      { role: 'assistant', text: hostile, messageId: 'private-m2', anchor: { exact: 'Start', prefix: '', suffix: '' } },
    ],
  };
  expect(
    await submitAsExpert(server, {
      capture,
      review: {
        kind: 'improve',
        turn: 1,
        rewrite: 'Start norepinephrine now.',
        comment: 'Drop the markup.',
        activeMs: 60_000,
      },
    }),
  ).toBe(200);
  const auditPage = await auditTheOneQueued(context, extensionId, server);
  await auditPage.waitForLoadState();
  expect(new URL(auditPage.url()).pathname).toBe('/audit.html');

  const replay = auditPage.getByRole('article', { name: 'Conversation: Private: vasopressor choice' });
  const responseTurn = replay.getByRole('region', { name: 'Turn 2: response' });
  await expect(responseTurn.getByRole('document', { name: 'Response' }).locator('strong')).toHaveText('norepinephrine');
  // Nothing runs, and nothing is fetched (an image in a private chat would tell its server who reads it).
  await expect(responseTurn.locator('script, img')).toHaveCount(0);
  expect(await auditPage.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
  const card = responseTurn.getByRole('article', { name: 'Dr. Ada Okafor: improved' });
  await expect(card.getByRole('document', { name: "The expert's rewrite against the response" })).toBeVisible();
  await auditPage.screenshot({ path: 'docs/audit-page.png' });

  // Fix & accept opens the review panel on the expert's review; the lead edits the rewrite and submits.
  const [fixTab] = await Promise.all([
    context.waitForEvent('page'),
    card.getByRole('button', { name: 'Fix & accept…' }).click(),
  ]);
  await expect(fixTab.getByText('You are correcting Dr. Ada Okafor’s review.')).toBeVisible();
  const rewrite = fixTab.getByLabel('Your rewrite');
  await expect(rewrite).toHaveValue('Start norepinephrine now.');
  await rewrite.fill('Start norepinephrine now, through a peripheral line if no central access yet.');
  await fixTab.getByRole('button', { name: 'Fix & accept: submit improvement' }).click();

  await expect
    .poll(async () => (await audits(server)).map((a) => [a.action, a.review?.rewrite]), { timeout: 20_000 })
    .toEqual([['fix', 'Start norepinephrine now, through a peripheral line if no central access yet.']]);

  // The queue now shows it as fixed.
  await auditPage.getByLabel('Audit state').selectOption('fix');
  await expect(auditPage.getByRole('list', { name: 'Audit queue' }).getByRole('listitem')).toHaveCount(1);
});

test('a lead fixing a review of a task answers what the task’s project asks, starting from the expert’s answers', async ({
  context,
  extensionId,
  server,
}) => {
  // The expert's approval of a demo task, whose project asks a question of its own.
  expect(
    await submitAsExpert(server, {
      taskId: 'clin-t01',
      capture: {
        site: 'task',
        url: `${server.url}/tasks/clin-t01`,
        title: 'Outpatient antibiotic choice',
        capturedAt: new Date().toISOString(),
        turns: [
          {
            role: 'user',
            text: 'Is outpatient treatment reasonable, and what should I prescribe?',
            anchor: { exact: 'Is outpatient', prefix: '', suffix: '' },
          },
          {
            role: 'assistant',
            text: 'Yes: amoxicillin-clavulanate plus a macrolide.',
            anchor: { exact: 'Yes', prefix: '', suffix: '' },
          },
        ],
      },
      review: {
        kind: 'approve',
        turn: 1,
        comment: '',
        assessment: { answers: { ready_for_audience: 'after_edits' } },
        activeMs: 30_000,
      },
    }),
  ).toBe(200);
  const auditPage = await auditTheOneQueued(context, extensionId, server);
  const [fixTab] = await Promise.all([
    context.waitForEvent('page'),
    auditPage.getByRole('button', { name: 'Fix & accept…' }).click(),
  ]);
  await expect(fixTab.getByText('You are correcting Dr. Ada Okafor’s review.')).toBeVisible();
  const question = fixTab.getByRole('group', { name: 'Could this answer reach its audience as written? (required)' });
  await expect(question.getByRole('radio', { name: 'After edits' })).toBeChecked();
  await question.getByRole('radio', { name: 'As written' }).check();
  await fixTab.getByRole('button', { name: 'Fix & accept: approve as is' }).click();
  await expect
    .poll(async () => (await audits(server)).map((a) => [a.action, a.review?.assessment?.answers]), {
      timeout: 20_000,
    })
    .toEqual([['fix', { ready_for_audience: 'as_written' }]]);
});
