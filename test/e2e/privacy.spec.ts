/**
 * A conversation that names a patient does not leave the browser unseen: the
 * in-page Approve holds it and opens the review panel, which shows what was
 * found and what will be sent; what the reviewer redacts reaches the server
 * as "[redacted]" and nowhere else.
 */

import type { Submission } from '../../utils/schema/submission';
import { expect, panelOn, signedInExpert, test } from './fixtures';
import { clickControl, controlStatus, pageControls } from './shadow';

const URL = 'http://127.0.0.1:9/demo/phi';
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hyperkalaemia</title></head><body><main>
  <div data-message-author-role="user" data-message-id="p1">Patient John Smith, MRN: 88231907, on the renal ward has a potassium of 6.1 mmol/L. What now?</div>
  <div data-message-author-role="assistant" data-message-id="p2">For Mr. Smith: get an ECG, give IV calcium gluconate if it shows changes, then insulin with glucose, and repeat the potassium.</div>
</main></body></html>`;

test('a conversation that names a patient is held for a look, and what is redacted never leaves', async ({
  context,
  extensionId,
  server,
}) => {
  await signedInExpert(context, extensionId, server);
  await context.route(URL, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }));
  const page = await context.newPage();
  await page.goto(URL);
  await expect.poll(async () => (await pageControls(page)).length).toBe(1);

  await clickControl(page, 'p2', 'Approve');
  await expect
    .poll(() => controlStatus(page, 'p2'))
    .toBe('It may identify a patient: check what is sent, in the review panel');
  const panel = await panelOn(page);

  const check = panel.getByRole('region', { name: 'Patient data in the conversation' });
  await expect(check).toContainText('The conversation may identify a patient.');
  await expect(check.getByRole('button', { name: /^Redact: / })).toHaveText(['Redact', 'Redact', 'Redact']);
  // Approving with the name still there asks for a decision.
  await panel.getByRole('button', { name: 'Approve as is' }).click();
  await expect(panel.getByRole('alert', { name: 'Possible patient data' })).toContainText('Prompt (turn 1)');
  await check.getByRole('button', { name: 'Redact all' }).click();
  await check.getByRole('button', { name: 'Show what will be sent' }).click();
  const sent = check.getByRole('document', { name: 'What will be sent' });
  await expect(sent).toContainText('Patient [redacted], MRN: [redacted], on the renal ward');
  await expect(sent).toContainText('For Mr. [redacted]: get an ECG');
  await expect(sent).not.toContainText('Smith');

  await panel.getByRole('button', { name: 'Approve as is' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Queued');
  await expect
    .poll(async () => (await server.db.query<{ body: Submission }>('SELECT body FROM submissions')).length)
    .toBe(1);
  const [row] = await server.db.query<{ body: Submission }>('SELECT body FROM submissions');
  expect(row?.body.review).toMatchObject({ kind: 'approve', turn: 1 });
  expect(row?.body.capture?.turns[0]?.text).toBe(
    'Patient [redacted], MRN: [redacted], on the renal ward has a potassium of 6.1 mmol/L. What now?',
  );
  expect(JSON.stringify(row?.body)).not.toMatch(/Smith|88231907/);
});
