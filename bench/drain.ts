/**
 * Queue drain benchmark: N reviews are queued in the extension while the
 * browser is offline; then it goes online and the outbox delivers them to a
 * local server. Baseline, in the same run and on the same server: the same
 * number of reviews posted directly by this Node process in batches of the
 * outbox's size. Prints reviews/s for both and their ratio. (The worker's
 * memory is not measured: a service worker has no heap API, and Playwright's
 * CDP sessions do not reach worker targets of a persistent context.)
 *
 *   npx tsx bench/drain.ts [reviews]    (default: 10000)
 */
import { randomUUID } from 'node:crypto';
import { chromium, type Page } from '@playwright/test';
import { createToken } from '../server/auth';
import { openDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { seedDemo } from '../server/demo/seed';
import { startServer } from '../server/serve';
import type { PopupState } from '../utils/messages/background';
import { BATCH } from '../utils/outbox/policy';
import type { Submission } from '../utils/schema/submission';
import { launchBrowser, signedInPopup } from './browser';
import { type Figure, figureLine } from './figure';

function capture(i: number): NonNullable<Submission['capture']> {
  const text = `Response ${i}: start norepinephrine through the peripheral line; target MAP 65 mmHg.`;
  return {
    site: 'generic',
    url: `https://chat.example.test/c/bench#${i}`,
    title: `Bench ${i}`,
    capturedAt: new Date().toISOString(),
    turns: [
      { role: 'user', text: `Question ${i}?`, anchor: { exact: `Question ${i}?`, prefix: '', suffix: '' } },
      { role: 'assistant', text, anchor: { exact: text, prefix: '', suffix: '' } },
    ],
  };
}

type Message = { ok: boolean; value?: unknown; error?: string };
const send = (popup: Page, message: unknown) =>
  popup.evaluate(
    (m) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<Message> } } }
      ).chrome.runtime.sendMessage(m),
    message,
  );

export async function benchDrain(reviews: number): Promise<Figure> {
  const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrate(db);
  const people = await seedDemo(db);
  const token = await createToken(db, people.expertId);
  const server = await startServer({ db, rateLimitPerMinute: 1_000_000 }, 0, '127.0.0.1');
  const browser = await launchBrowser(chromium, true);
  try {
    // Baseline: the same reviews, posted directly.
    const direct = Array.from(
      { length: reviews },
      (_, i): Submission => ({
        id: randomUUID(),
        schemaVersion: 1,
        capture: capture(i),
        review: { kind: 'approve', turn: 1, comment: '', activeMs: 0 },
        createdAt: new Date().toISOString(),
      }),
    );
    const started = performance.now();
    for (let i = 0; i < direct.length; i += BATCH.maxItems) {
      const res = await fetch(`${server.url}/v1/submissions/batch`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ submissions: direct.slice(i, i + BATCH.maxItems) }),
      });
      if (!res.ok) throw new Error(`direct post failed: ${res.status}`);
    }
    const directRate = reviews / ((performance.now() - started) / 1000);

    // The extension: queue offline, then drain.
    const { context } = browser;
    const { popup } = await signedInPopup(context, server.url, token);
    await context.setOffline(true);
    for (let i = 0; i < reviews; i++) {
      const reply = await send(popup, { type: 'review.approve', capture: capture(i), turn: 1 });
      if (!reply.ok) throw new Error(reply.error);
    }
    await context.setOffline(false);
    const online = performance.now();
    await send(popup, { type: 'outbox.retry' });
    for (;;) {
      const state = (await send(popup, { type: 'state.get' })).value as PopupState;
      if (state.outbox.counts.pending === 0) break;
      await popup.waitForTimeout(100);
    }
    const extensionRate = reviews / ((performance.now() - online) / 1000);
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM submissions');
    if (row?.n !== 2 * reviews) throw new Error(`expected ${2 * reviews} stored, found ${row?.n}`);
    return {
      benchmark: `queue drain, ${reviews} reviews queued offline: through the extension ÷ posted directly`,
      measured: `${(extensionRate / directRate).toFixed(2)} (${extensionRate.toFixed(0)}/s vs ${directRate.toFixed(0)}/s)`,
      budget: '—',
    };
  } finally {
    await browser.close();
    await server.close(1_000);
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(figureLine(await benchDrain(Number(process.argv[2] ?? 10_000))));
}
