/**
 * Playwright fixtures: a task server with demo data on a fresh embedded
 * database, and a fresh Chromium profile with the built extension loaded.
 * Nothing is mocked: the extension talks HTTP to the server on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, type Frame, type Page, type Worker } from '@playwright/test';
import { createToken } from '../../server/auth';
import { type Database, openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { type DemoPeople, seedDemo } from '../../server/demo/seed';
import { startServer } from '../../server/serve';
import type { Language } from '../support/catalogue';

const EXTENSION = resolve('.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestServer extends DemoPeople {
  url: string;
  db: Database;
  expertToken: string;
  leadToken: string;
  secondExpertToken: string;
}

interface Fixtures {
  server: TestServer;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  server: async ({}, use) => {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    await migrate(db);
    const people = await seedDemo(db);
    const running = await startServer({ db }, 0, '127.0.0.1');
    await use({
      url: running.url,
      db,
      ...people,
      expertToken: await createToken(db, people.expertId, 'e2e'),
      leadToken: await createToken(db, people.leadId, 'e2e'),
      secondExpertToken: await createToken(db, people.secondExpertId, 'e2e'),
    });
    await running.close(1_000);
    await db.close();
  },

  // Depends on the server so that the browser closes first, then the server.
  context: async ({ server: _ }, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'attending-e2e-'));
    const context = await launchWithExtension(profile);
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },

  serviceWorker: async ({ context }, use) => {
    await use(context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker')));
  },

  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
  },
});

export const expect = test.expect;

/**
 * Chromium with the built extension, on the profile in `profile` (reuse it to restart the browser), in
 * `language`: the browser's own language, which the extension's catalogue follows.
 */
export function launchWithExtension(profile: string, language: Language = 'en'): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    ...(language === 'en' ? {} : { locale: language }),
    args: [
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
      ...(language === 'en' ? [] : [`--lang=${language}`]),
    ],
  });
}

/** The extension's id, from its service worker. */
export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}

export async function signIn(popup: Page, server: string, token: string): Promise<void> {
  await popup.getByLabel('Task server').fill(server);
  await popup.getByLabel('I have a token').check();
  await popup.getByLabel('Personal access token').fill(token);
  await popup.getByRole('button', { name: 'Sign in' }).click();
}

/** The popup, signed in as the demo expert (Dr. Ada Okafor) once her name shows. */
export async function signedInExpert(context: BrowserContext, extensionId: string, server: TestServer): Promise<Page> {
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, server.expertToken);
  await expect(popup.getByText('Dr. Ada Okafor')).toBeVisible();
  return popup;
}

/** The review panel framed in `page`, once it is there. */
export async function panelOn(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/panel.html'))).toBe(true);
  const frame = page.frames().find((f) => f.url().includes('/panel.html'));
  if (!frame) throw new Error('no panel');
  return frame;
}

/**
 * What the manifest's keyboard command `request` sends, with `page` the active
 * tab as when its shortcut is pressed there (the browser's own handling of its
 * shortcut keys is not scriptable).
 */
export async function pressCommand(serviceWorker: Worker, page: Page, request: object): Promise<unknown> {
  await page.bringToFront();
  return serviceWorker.evaluate(async (message) => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        tabs: {
          query(q: object): Promise<{ id: number }[]>;
          sendMessage(id: number, m: object): Promise<unknown>;
        };
      };
    };
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return chrome.tabs.sendMessage(tab?.id ?? -1, message);
  }, request);
}

/** The extension API as seen from the extension's own pages and worker, for `evaluate` calls. */
export interface ExtensionGlobal {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<unknown> };
    action: { getBadgeText(details: object): Promise<string> };
  };
}
