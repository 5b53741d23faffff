/** Chromium for benchmarks, with or without the built extension, on a throwaway profile. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, BrowserType, Page } from '@playwright/test';

const EXTENSION = resolve('.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(
  chromium: BrowserType,
  withExtension: boolean,
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'attending-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: withExtension ? [`--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`] : [],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** The extension's popup, signed in as the demo expert; and the extension's origin. */
export async function signedInPopup(
  context: BrowserContext,
  serverUrl: string,
  token: string,
): Promise<{ popup: Page; origin: string }> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  const popup = await context.newPage();
  await popup.goto(`${origin}/popup.html`);
  await popup.getByLabel('Task server').fill(serverUrl);
  await popup.getByLabel('I have a token').check();
  await popup.getByLabel('Personal access token').fill(token);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.getByText('Dr. Ada Okafor').waitFor();
  return { popup, origin };
}
