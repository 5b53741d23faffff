/**
 * A clinician's first hour, in English and in Spanish (the browser's own
 * language, which the extension follows): a fresh browser profile with the
 * extension, the one-time invite code their lead made, the Getting started
 * card, a first review on the demo page, and that review shown as sent in the
 * popup and stored in the server's database under their name. Every word the
 * test clicks or reads comes from the language's catalogue, and no page may
 * ask the catalogue for a message it does not have.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue, type Language } from '../support/catalogue';
import { expect, extensionIdOf, launchWithExtension, openPopup, panelOn, test } from './fixtures';
import { clickControl, pageControls } from './shadow';

const LANGUAGES: Record<Language, string> = { en: 'English', es: 'Spanish' };
const REWRITE = 'Yes: on norepinephrine for MAP 65 with lactate 3.1 after 30 mL/kg, she meets Sepsis-3 septic shock.';

for (const [language, name] of Object.entries(LANGUAGES) as [Language, string][]) {
  test(`a clinician's first hour, in ${name}: invited, onboarded, a first review sent and stored`, async ({
    server,
  }) => {
    const { t } = catalogue(language);
    // The lead makes the invite code (their side is in popup.spec.ts).
    const invite = await fetch(`${server.url}/v1/invites`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.leadToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Dr. Lucía Ortega', specialty: 'emergency_medicine' }),
    }).then((r) => r.json() as Promise<{ code: string }>);

    const profile = mkdtempSync(join(tmpdir(), 'attending-first-hour-'));
    const context = await launchWithExtension(profile, language);
    const missing: string[] = [];
    context.on('console', (message) => {
      if (message.text().includes('[i18n]')) missing.push(message.text());
    });
    try {
      const popup = await openPopup(context, await extensionIdOf(context));
      await popup.getByLabel(t('popup.signIn.server')).fill(server.url);
      await popup.getByLabel(t('popup.signIn.haveCode')).check();
      await popup.getByLabel(t('popup.signIn.code'), { exact: true }).fill(invite.code);
      await popup.getByRole('button', { name: t('popup.signIn.signIn') }).click();
      await expect(popup.getByText('Dr. Lucía Ortega')).toBeVisible();

      const intro = popup.getByRole('region', { name: t('popup.gettingStarted.heading') });
      await expect(intro).toContainText('ChatGPT');
      if (language !== 'en') await popup.screenshot({ path: `docs/popup-first-run-${language}.png`, fullPage: true });
      const [demo] = await Promise.all([
        context.waitForEvent('page'),
        intro.getByRole('button', { name: t('popup.gettingStarted.openDemo') }).click(),
      ]);
      await expect.poll(async () => (await pageControls(demo)).map((c) => c.messageId)).toContain('t6');
      const controls = (await pageControls(demo)).find((c) => c.messageId === 't6');
      expect(controls?.buttons.map((b) => b.label)).toEqual([t('controls.approve'), t('controls.improve')]);

      await clickControl(demo, 't6', t('controls.improve'));
      const panel = await panelOn(demo);
      await panel.getByLabel(t('panel.review.rewrite')).fill(REWRITE);
      if (language !== 'en') await demo.screenshot({ path: `docs/overlay-improve-${language}.png` });
      await panel.getByRole('button', { name: t('panel.submit.improve') }).click();
      await expect(panel.getByRole('status').first()).toContainText(t('panel.queued.message'));

      await popup.bringToFront();
      await popup.reload();
      await expect(popup.locator('#queue-state')).toContainText(t('popup.outbox.sent', 1));
      const rows = await server.db.query<{ name: string; review: { kind: string; rewrite: string } }>(
        `SELECT u.name, s.body->'review' AS review FROM submissions s JOIN users u ON u.id = s.user_id`,
      );
      expect(rows).toEqual([
        { name: 'Dr. Lucía Ortega', review: expect.objectContaining({ kind: 'improve', rewrite: REWRITE }) },
      ]);
      expect(missing).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
}
