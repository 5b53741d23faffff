/**
 * The clinician's review kinds, end to end in real Chromium against the real
 * server: chain-of-thought correction on the demo page, a keyboard-only
 * ranking, a rubric grade and a written prompt from assigned tasks (with the
 * PHI guard), and a draft that survives closing the tab. Each lands on the
 * server with exactly the values entered. The panel passes axe-core.
 */
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import type { Submission } from '../../utils/schema/submission';
import { expect, openPopup, panelOn, pressCommand, signIn, type TestServer, test } from './fixtures';
import { clickControl, controlStatus, pageControls } from './shadow';

async function stored(server: TestServer): Promise<Submission[]> {
  return (await server.db.query<{ body: Submission }>('SELECT body FROM submissions ORDER BY received_at')).map(
    (r) => r.body,
  );
}

/** Opens an assigned task from the popup: its panel opens in a tab of its own. */
async function openTask(context: BrowserContext, popup: Page, title: string | RegExp): Promise<Page> {
  const opened = context.waitForEvent('page');
  await popup.getByRole('button', { name: typeof title === 'string' ? `Open: ${title}` : title }).click();
  const panel = await opened;
  await panel.waitForLoadState();
  return panel;
}

async function signedIn(context: BrowserContext, extensionId: string, server: TestServer): Promise<Page> {
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, server.expertToken);
  await expect(popup.getByRole('list', { name: 'Assigned tasks' }).getByRole('listitem')).toHaveCount(12);
  return popup;
}

test('a chain of thought on the demo page: three steps rated, the second improved, stopping at the first error', async ({
  context,
  extensionId,
  server,
}) => {
  await signedIn(context, extensionId, server);
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/chat?startMs=0&tokenMs=1`);
  await expect.poll(async () => (await pageControls(page)).length).toBe(4);
  await clickControl(page, 't2', 'Improve');
  const panel = await panelOn(page);
  await panel.getByRole('tab', { name: 'Correct the steps' }).click();
  const steps = panel.getByRole('listitem', { name: /^Step \d/ });
  await expect(steps).toHaveCount(7);
  await expect(steps.nth(2).getByRole('textbox')).toHaveValue(/^\*\*qSOFA\*\* \(1 point each/);

  // Step 1 by keyboard, on the focused step; steps 2 and 3 with the mouse.
  await steps.nth(0).focus();
  await page.keyboard.press('1');
  await expect(steps.nth(0)).toHaveAccessibleName('Step 1, rated +1');
  await steps.nth(1).getByRole('radio', { name: '0', exact: true }).check();
  await steps.nth(1).getByRole('button', { name: 'Improve step 2' }).click();
  const corrected = 'SIRS: temperature 38.9 °C, heart rate 118/min and respiratory rate 24/min meet 3 criteria.';
  await panel.getByLabel('Corrected step 2').fill(corrected);
  await steps.nth(2).getByRole('radio', { name: '−1' }).check();
  // Stopping at the first error leaves the later steps unrated.
  await expect(steps.nth(3).getByRole('radio', { name: '+1' })).toBeDisabled();
  await panel.getByLabel('Found an error').check();
  await page.screenshot({ path: 'docs/panel-steps.png' });
  await panel.getByRole('button', { name: 'Submit step ratings' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Queued');

  await expect.poll(async () => (await stored(server)).length).toBe(1);
  const [submission] = await stored(server);
  const review = submission?.review;
  if (review?.kind !== 'steps') throw new Error(`expected a steps review, got ${review?.kind}`);
  expect(review).toMatchObject({ turn: 1, source: 'answer', finish: 'found_error' });
  expect(review.steps.map((s) => s.rating)).toEqual([1, 0, -1, undefined, undefined, undefined, undefined]);
  expect(review.steps[1]?.rewrite).toBe(corrected);
  expect(review.steps.filter((s) => s.rewrite)).toHaveLength(1);
  expect(review.steps[6]?.text).toMatch(/^\*\*Reassess and escalate\.\*\*/);
});

test('a ranking of three responses, by keyboard only, lands with the task', async ({
  context,
  extensionId,
  server,
}) => {
  const popup = await signedIn(context, extensionId, server);
  expect(await new AxeBuilder({ page: popup }).analyze().then((r) => r.violations)).toEqual([]);
  const panel = await openTask(context, popup, /^Open: .*nodule/i);
  await expect(panel.getByRole('list', { name: 'Ranking, best first' }).getByRole('listitem')).toHaveCount(3);
  // Expected A > C > B: lift C (third) and move it above B.
  // Each key waits for what a screen reader would announce.
  await panel.getByRole('button', { name: 'Move Response 3 (rank 3)' }).focus();
  await panel.keyboard.press('Space');
  await expect(panel.getByText('Response 3 is over position 3.')).toBeAttached();
  await panel.keyboard.press('ArrowUp');
  await expect(panel.getByText('Response 3 is over position 2.')).toBeAttached();
  await panel.keyboard.press('Space');
  await expect(panel.getByText('Response 3 dropped at position 2.')).toBeAttached();
  await expect(panel.getByRole('button', { name: /^Move Response/ })).toHaveText(['⠿ 1', '⠿ 2', '⠿ 3']);
  await expect(
    panel.getByRole('list', { name: 'Ranking, best first' }).getByRole('listitem').nth(1),
  ).toHaveAccessibleName('Response 3, rank 2');
  expect(await new AxeBuilder({ page: panel }).analyze().then((r) => r.violations)).toEqual([]);
  await panel.getByLabel('Why this order').focus();
  await panel.keyboard.type('C applies the superseded 2005 rule; B works up a low-risk nodule aggressively.');
  await panel.screenshot({ path: 'docs/panel-rank.png' });
  await panel.keyboard.press('Control+Enter');
  await expect(panel.getByRole('status').first()).toContainText('Queued');

  await expect.poll(async () => (await stored(server)).length).toBe(1);
  const [submission] = await stored(server);
  expect(submission?.taskId).toBe('clin-t07');
  expect(submission?.capture?.site).toBe('task');
  expect(submission?.review).toMatchObject({
    kind: 'rank',
    ranking: [
      { turn: 1, rank: 1 },
      { turn: 3, rank: 2 },
      { turn: 2, rank: 3 },
    ],
  });
  const [row] = await server.db.query<{ status: string }>(
    "SELECT status FROM assignments WHERE task_id = 'clin-t07' AND user_id = $1",
    [server.expertId],
  );
  expect(row?.status).toBe('submitted');
});

test('a rubric grade shows the score as criteria are ticked, and lands with every criterion', async ({
  context,
  extensionId,
  server,
}) => {
  const popup = await signedIn(context, extensionId, server);
  const panel = await openTask(context, popup, /^Open: .*septic shock/i);
  // The project's guidelines are shown open before its first task, and one click away after.
  const guidelines = panel
    .getByRole('group')
    .filter({ hasText: 'Project guidelines: please read before your first task' });
  await expect(guidelines.getByRole('document', { name: 'Project guidelines' })).toContainText('Chain of thought');
  const met = ['r1', 'r2', 'r4', 'r6', 'r8'];
  const criteria = panel.getByRole('group', { name: 'Criteria met' }).getByRole('checkbox');
  await expect(criteria).toHaveCount(8);
  for (const i of [0, 1, 3, 5, 7]) await criteria.nth(i).check();
  await panel.getByRole('radio', { name: 'As written', exact: true }).check();
  await expect(panel.getByText(/^Score 19 \/ 35 =/)).toContainText('54.3%');
  expect(await new AxeBuilder({ page: panel }).analyze().then((r) => r.violations)).toEqual([]);
  await panel.screenshot({ path: 'docs/panel-rubric.png' });
  await panel.getByRole('button', { name: 'Submit grade' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Queued');

  await expect.poll(async () => (await stored(server)).length).toBe(1);
  const [submission] = await stored(server);
  const review = submission?.review;
  if (review?.kind !== 'rubric') throw new Error('expected a rubric review');
  expect(review.criteria.filter((c) => c.met).map((c) => c.id)).toEqual(met);
  expect(review.criteria).toHaveLength(8);
  expect(submission?.taskId).toBe('clin-t09');

  const next = await openTask(context, popup, /^Open: Outpatient antibiotic choice/);
  await expect(next.getByText('Project guidelines', { exact: true })).toBeVisible();
  await expect(next.getByRole('document', { name: 'Project guidelines' })).toBeHidden();
});

test('the clinical assessment: every axis, a rationale owed by a negative answer, the project’s own question', async ({
  context,
  extensionId,
  server,
}) => {
  const popup = await signedIn(context, extensionId, server);
  const panel = await openTask(context, popup, /^Open: Outpatient antibiotic choice/);
  const form = panel.getByRole('group').filter({ hasText: 'Clinical assessment' }).first();
  const answer = (question: string, choice: string) =>
    form.getByRole('group', { name: question, exact: true }).getByRole('radio', { name: choice, exact: true }).check();
  await answer('Scientific consensus', 'Not aligned');
  await answer('Incorrect or fabricated content', 'Clinically significant');
  await answer('Omission of important content', 'Minor');
  await answer('Possible harm: extent', 'Mild to moderate');
  await answer('Possible harm: likelihood', 'Medium');
  await answer('Triage and escalation', 'Appropriate');
  await answer('Asks for the context it needs', 'No');
  await answer('Expresses appropriate uncertainty', 'Yes');
  await answer('Communication fits the stated audience', 'Yes');
  await answer('Bias or equity concern', 'No');
  await answer('Overall quality', '2');
  await panel
    .getByLabel('Your rewrite')
    .fill('Amoxicillin-clavulanate plus a macrolide: COPD and diabetes are comorbidities.');

  // Neither the owed rationale nor the project's required question can be skipped.
  await panel.getByRole('button', { name: 'Submit improvement' }).click();
  await expect(panel.getByLabel('Rationale (required)')).toBeFocused();
  await expect(form.getByRole('alert').first()).toContainText(
    'because of: not aligned with consensus, incorrect content',
  );
  await expect(form.getByText('This question is required')).toBeVisible();
  const rationale = 'Monotherapy is wrong with comorbidities (ATS/IDSA 2019).';
  await panel.getByLabel('Rationale (required)').fill(rationale);
  await answer('Could this answer reach its audience as written? (required)', 'After edits');
  // The whole panel, with the assessment and the passage comments, passes axe-core.
  expect(await new AxeBuilder({ page: panel }).analyze().then((r) => r.violations)).toEqual([]);
  await panel.screenshot({ path: 'docs/panel-assessment.png', fullPage: true });
  await panel.getByRole('button', { name: 'Submit improvement' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Queued');

  await expect.poll(async () => (await stored(server)).length).toBe(1);
  const [submission] = await stored(server);
  expect(submission?.taskId).toBe('clin-t01');
  expect(submission?.review.assessment).toEqual({
    consensus: 'not_aligned',
    incorrect: 'significant',
    omission: 'minor',
    harmExtent: 'mild_moderate',
    harmLikelihood: 'medium',
    triage: 'appropriate',
    contextSeeking: 'no',
    uncertainty: 'yes',
    audienceFit: 'yes',
    bias: 'no',
    overall: 2,
    rationale,
    answers: { ready_for_audience: 'after_edits' },
  });
});

test('submit and go on: one keystroke queues the review and moves the panel to the next task', async ({
  context,
  extensionId,
  server,
}) => {
  const popup = await signedIn(context, extensionId, server);
  const panel = await openTask(context, popup, /^Open: Outpatient antibiotic choice/);
  await expect(panel.getByText('Task 1 of 12 open')).toBeVisible();
  await panel.getByRole('radio', { name: 'As written', exact: true }).check();
  // Unedited, the response is approved.
  await panel.keyboard.press('Control+Shift+Enter');
  await expect(panel.getByRole('heading', { level: 1 })).toContainText(
    'Optimizing guideline-directed therapy in HFrEF',
  );
  await expect(panel.getByText('Task 1 of 11 open')).toBeVisible();

  await expect.poll(async () => (await stored(server)).length).toBe(1);
  const [submission] = await stored(server);
  expect(submission).toMatchObject({
    taskId: 'clin-t01',
    review: { kind: 'approve', assessment: { answers: { ready_for_audience: 'as_written' } } },
  });
  // The popup counts it done at once, whether or not the server has it yet.
  await popup.reload();
  await expect(
    popup.getByRole('listitem').filter({ hasText: 'Outpatient antibiotic choice' }).getByText('submitted'),
  ).toBeVisible();
});

test('a written prompt with patient data is held by the PHI guard until fixed', async ({
  context,
  extensionId,
  server,
}) => {
  const popup = await signedIn(context, extensionId, server);
  const panel = await openTask(context, popup, /^Open: Write a text-only radiology prompt/);
  await panel
    .getByLabel('Prompt', { exact: true })
    .fill(
      'Patient John Smith, DOB 03/14/1962, MRN 12345678: incidental 1.2 cm thyroid nodule on chest CT. Ultrasound?',
    );
  await panel
    .getByLabel('Reference answer')
    .fill('No dedicated ultrasound: age ≥35 and under 1.5 cm, no suspicious features.');
  await panel.getByLabel('Key point 1', { exact: true }).fill('ACR 2015 white paper size threshold');
  await panel.getByLabel('Specialty', { exact: true }).selectOption('diagnostic_radiology');
  await panel.getByRole('button', { name: 'Submit prompt' }).click();

  const guard = panel.getByRole('alert', { name: 'Possible patient data' });
  await expect(guard).toBeVisible();
  await expect(guard.getByRole('listitem')).toHaveCount(3);
  await expect(guard).toContainText('John Smith');
  await panel.screenshot({ path: 'docs/panel-prompt-phi.png' });
  expect(await stored(server)).toEqual([]);

  await guard.getByRole('button', { name: 'Fix in prompt' }).first().click();
  await expect(panel.getByLabel('Prompt', { exact: true })).toBeFocused();
  const synthetic =
    'A 58-year-old man has an incidental 1.2 cm thyroid nodule on chest CT. Should I order an ultrasound?';
  await panel.getByLabel('Prompt', { exact: true }).fill(synthetic);
  await panel.getByRole('button', { name: 'Submit prompt' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Queued');

  await expect.poll(async () => (await stored(server)).length).toBe(1);
  const [submission] = await stored(server);
  expect(submission?.capture).toBeUndefined();
  expect(submission?.review).toEqual({
    kind: 'prompt',
    prompt: synthetic,
    referenceAnswer: 'No dedicated ultrasound: age ≥35 and under 1.5 cm, no suspicious features.',
    keyPoints: ['ACR 2015 white paper size threshold'],
    difficulty: 2,
    specialty: 'diagnostic_radiology',
    comment: '',
    activeMs: expect.any(Number),
  });
});

test('a half-written review survives closing the tab and comes back on the same response', async ({
  context,
  extensionId,
  server,
}) => {
  await signedIn(context, extensionId, server);
  const url = `${server.url}/demo/chat?startMs=0&tokenMs=1`;
  let page = await context.newPage();
  await page.goto(url);
  await expect.poll(async () => (await pageControls(page)).length).toBe(4);
  await clickControl(page, 't6', 'Improve');
  let panel = await panelOn(page);
  const draft = 'Yes: she meets both Sepsis-3 criteria (draft, unfinished).';
  await panel.getByLabel('Your rewrite').fill(draft);
  await panel.getByLabel('Comment').fill('Cite Singer 2016.');
  await expect(panel.getByText('Draft saved')).toBeVisible();
  await page.close();

  page = await context.newPage();
  await page.goto(url);
  await expect.poll(async () => (await pageControls(page)).length).toBe(4);
  await clickControl(page, 't6', 'Improve');
  panel = await panelOn(page);
  await expect(panel.getByLabel('Your rewrite')).toHaveValue(draft);
  await expect(panel.getByLabel('Comment')).toHaveValue('Cite Singer 2016.');
  expect(await stored(server)).toEqual([]);
});

test('the keyboard commands go to the previous and next response and approve the one gone to', async ({
  context,
  extensionId,
  server,
  serviceWorker,
}) => {
  await signedIn(context, extensionId, server);
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/chat`);
  await page.bringToFront();
  await expect.poll(async () => (await pageControls(page)).length).toBe(4);
  const command = (request: object) => pressCommand(serviceWorker, page, request);
  const focusedResponse = () =>
    page.evaluate(() => document.activeElement?.previousElementSibling?.getAttribute('data-message-id'));

  expect(await command({ type: 'response.move', by: -1 })).toEqual({ ok: true, value: null });
  expect(await focusedResponse()).toBe('t6');
  await command({ type: 'response.move', by: -1 });
  await command({ type: 'response.move', by: -1 });
  await command({ type: 'response.move', by: -1 });
  await command({ type: 'response.move', by: -1 });
  expect(await focusedResponse()).toBe('t2');
  await command({ type: 'response.move', by: 1 });
  expect(await focusedResponse()).toBe('t4-v1');
  // Enter on the focused controls is the user's own (trusted) click on Approve.
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await stored(server)).map((s) => s.review.kind)).toEqual(['approve']);
  await command({ type: 'response.move', by: 1 });
  // Pressed twice before the first approval is queued, it approves once.
  expect(await Promise.all([command({ type: 'response.approve' }), command({ type: 'response.approve' })])).toEqual([
    { ok: true, value: null },
    { ok: true, value: null },
  ]);
  // The approved response's controls say so, as after a click.
  await expect.poll(() => controlStatus(page, 't4-v2')).toBe('Approved · queued for sending');
  const approved = async () =>
    (await stored(server)).map((s) => s.capture?.turns[s.review.kind === 'approve' ? s.review.turn : 0]?.messageId);
  await expect.poll(approved).toEqual(['t4-v1', 't4-v2']);
  await page.waitForTimeout(1000);
  expect(await approved()).toEqual(['t4-v1', 't4-v2']);
});

test('a blind pairwise task: sides in the expert’s own order, no models, and the winner exported by its real model', async ({
  context,
  extensionId,
  server,
}) => {
  const popup = await signedIn(context, extensionId, server);
  const next = async () => {
    const opened = context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Next task in Blind model comparison' }).click();
    const panel = await opened;
    await panel.waitForLoadState();
    return panel;
  };
  // The ranking of three comes first (oldest); the next claim is the two-response comparison.
  await next();
  const panel = await next();
  await expect(panel.getByRole('heading', { level: 1 })).toContainText('anaphylaxis');
  const sides = panel.getByRole('region', { name: /^Response [AB]$/ });
  await expect(sides).toHaveCount(2);
  // No model name anywhere the expert can see.
  await expect(panel.locator('body')).not.toContainText(/model-(alpha|beta)/);
  // The guideline-concordant answer (0.5 mg IM into the thigh) is the better one, wherever it is shown.
  const correctIsA = (await sides.first().textContent())?.includes('0.5 mg') ?? false;
  await panel.getByLabel(correctIsA ? 'A is much better' : 'B is much better').check();
  await panel.screenshot({ path: 'docs/panel-pairwise.png' });
  await panel.getByRole('button', { name: 'Submit comparison' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Queued');

  await expect.poll(async () => (await stored(server)).length).toBe(1);
  const exported = await fetch(`${server.url}/v1/exports/arena`, {
    headers: { Authorization: `Bearer ${server.leadToken}` },
  }).then((r) => r.text());
  const [battle] = exported
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { model_a: string; model_b: string; winner: string });
  if (!battle) throw new Error('no battle exported');
  const winner = battle.winner === 'model_a' ? battle.model_a : battle.model_b;
  // clin-t08: model-alpha wrote the correct answer (B as stored), model-beta the unsafe one.
  expect(winner).toBe('model-alpha');
});

/** Presses Tab until `target` has the focus (keyboard only: no click, no programmatic focus). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the target');
}

test('keyboard only: a task opened from the popup is reviewed, submitted and followed by the next', async ({
  context,
  extensionId,
  server,
}) => {
  const popup = await signedIn(context, extensionId, server);
  await tabTo(popup, popup.getByRole('button', { name: /^Open: Outpatient antibiotic choice/ }));
  const opened = context.waitForEvent('page');
  await popup.keyboard.press('Enter');
  const panel = await opened;
  await panel.waitForLoadState();
  await expect(panel.getByText('Task 1 of 12 open')).toBeVisible();

  // The project's question, by keyboard: Tab into its group (its first answer), Space to choose it.
  const asWritten = panel.getByRole('radio', { name: 'As written', exact: true });
  await tabTo(panel, asWritten);
  await panel.keyboard.press('Space');
  await expect(asWritten).toBeChecked();
  await panel.keyboard.press('Control+Shift+Enter');
  await expect(panel.getByRole('heading', { level: 1 })).toContainText(
    'Optimizing guideline-directed therapy in HFrEF',
  );
  await expect
    .poll(async () => (await stored(server)).map((s) => [s.taskId, s.review.kind]))
    .toEqual([['clin-t01', 'approve']]);
});
