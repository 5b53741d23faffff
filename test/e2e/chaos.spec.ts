/**
 * No review is ever lost: 1,000 reviews are queued while everything that can
 * go wrong does. A fault-injecting proxy in front of the real server answers
 * 500/502/503, 429 with and without Retry-After, answers slowly, and drops
 * the connection after the server committed; the test stops the extension's
 * service worker several times, takes the browser offline, and closes and
 * reopens the browser on the same profile. At the end the database holds
 * every review exactly once, with the content queued, and the queue is empty.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { PopupState } from '../../utils/messages/background';
import type { Submission } from '../../utils/schema/submission';
import { type ExtensionGlobal, expect, extensionIdOf, launchWithExtension, openPopup, signIn, test } from './fixtures';

const REVIEWS = 1000;

type Fault = 'pass' | 'e500' | 'e502' | 'e503' | 'e429' | 'e429-no-retry-after' | 'slow' | 'drop-after-commit';
const PLAN: [Fault, number][] = [
  ['e500', 0.08],
  ['e502', 0.06],
  ['e503', 0.06],
  ['e429', 0.06],
  ['e429-no-retry-after', 0.04],
  ['slow', 0.08],
  ['drop-after-commit', 0.14],
];

/** A proxy to `target` that injects a fault into each submission batch, by a seeded draw. */
function faultProxy(target: string): Promise<{ url: string; counts: Record<Fault, number>; close(): void }> {
  const counts = Object.fromEntries([...PLAN.map(([f]) => f), 'pass'].map((f) => [f, 0])) as Record<Fault, number>;
  let seed = 7;
  const draw = (): Fault => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    let r = seed / 2 ** 31;
    for (const [fault, p] of PLAN) {
      if (r < p) return fault;
      r -= p;
    }
    return 'pass';
  };
  const server: Server = createServer((req, res) => {
    const fault: Fault = req.url?.startsWith('/v1/submissions/batch') && req.method === 'POST' ? draw() : 'pass';
    counts[fault]++;
    const status = { e500: 500, e502: 502, e503: 503, e429: 429, 'e429-no-retry-after': 429 }[fault as string];
    if (status) {
      req.resume();
      res.writeHead(status, {
        'Content-Type': 'text/plain',
        'Access-Control-Allow-Origin': req.headers.origin ?? '*',
        ...(fault === 'e429' ? { 'Retry-After': '1' } : {}),
      });
      res.end('injected fault');
      return;
    }
    const forward = () => {
      const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        if (fault === 'drop-after-commit') {
          // The server has stored the batch; the client never hears of it.
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (fault === 'slow') setTimeout(forward, 2_000);
    else forward();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, counts, close: () => server.close() });
    }),
  );
}

function send<T>(popup: Page, message: unknown): Promise<{ ok: boolean; value?: T; error?: string }> {
  return popup.evaluate(
    (m) => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage(m),
    message,
  ) as never;
}

function captureFor(i: number) {
  const text = `Review ${i}: norepinephrine first, MAP ≥65 mmHg; lactate rechecked.`;
  return {
    site: 'generic',
    url: `https://chat.example.test/c/chaos#${i}`,
    title: `Chaos ${i}`,
    capturedAt: new Date().toISOString(),
    turns: [
      { role: 'user', text: `Question ${i}?`, anchor: { exact: `Question ${i}?`, prefix: '', suffix: '' } },
      { role: 'assistant', text, anchor: { exact: text, prefix: '', suffix: '' } },
    ],
  };
}

async function stopWorker(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

test('1,000 reviews under faults: none lost, none duplicated', async ({ server }) => {
  test.setTimeout(300_000);
  const proxy = await faultProxy(server.url);
  const profile = mkdtempSync(join(tmpdir(), 'attending-chaos-'));
  const queued = new Map<string, number>(); // submission id → review number
  let context: BrowserContext = await launchWithExtension(profile);
  try {
    let popup = await openPopup(context, await extensionIdOf(context));
    await signIn(popup, proxy.url, server.expertToken);
    await expect(popup.getByText('Dr. Ada Okafor')).toBeVisible();

    const enqueue = async (from: number, to: number, every: number, fault: (page: Page) => Promise<void>) => {
      for (let i = from; i < to; i++) {
        const reply = await send<{ submissionId: string }>(popup, {
          type: 'review.approve',
          capture: captureFor(i),
          turn: 1,
        });
        expect(reply.ok, reply.error).toBe(true);
        if (reply.value) queued.set(reply.value.submissionId, i);
        if ((i + 1) % every === 0) await fault(popup);
      }
    };

    // 1. Queue while the worker is stopped again and again.
    await enqueue(0, 400, 100, stopWorker);
    // 2. Queue offline, then come back.
    await context.setOffline(true);
    await enqueue(400, 600, 1000, async () => {});
    await popup.waitForTimeout(1_500);
    await context.setOffline(false);
    // 3. Close the browser in the middle of delivery, and open it again on the same profile.
    await send(popup, { type: 'outbox.retry' }).catch(() => {});
    await context.close();
    context = await launchWithExtension(profile);
    popup = await openPopup(context, await extensionIdOf(context));
    await enqueue(600, REVIEWS, 150, stopWorker);

    // 4. Let it drain, asking for retries now and then, as an impatient reviewer would.
    const deadline = Date.now() + 240_000;
    let state: PopupState | undefined;
    for (let round = 0; Date.now() < deadline; round++) {
      state = (await send<PopupState>(popup, { type: 'state.get' })).value;
      if (state && state.outbox.counts.pending + state.outbox.counts.failed === 0) break;
      if (round === 3) await stopWorker(popup);
      await send(popup, { type: 'outbox.retry' }).catch(() => {});
      await popup.waitForTimeout(2_000);
    }
    expect(state?.outbox.counts).toMatchObject({ pending: 0, failed: 0 });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    proxy.close();
  }

  const rows = await server.db.query<{ id: string; body: Submission }>('SELECT id, body FROM submissions');
  const stored = new Map(rows.map((r) => [r.id, r.body]));
  const lost = [...queued.keys()].filter((id) => !stored.has(id)).length;
  const duplicated = rows.length - stored.size;
  const foreign = rows.filter((r) => !queued.has(r.id)).length;
  const changed = rows.filter((r) => {
    const i = queued.get(r.id);
    return i === undefined || JSON.stringify(r.body.capture?.turns) !== JSON.stringify(captureFor(i).turns);
  }).length;
  console.log(
    `queued=${queued.size} stored=${rows.length} lost=${lost} duplicated=${duplicated} faults=${JSON.stringify(proxy.counts)}`,
  );
  expect(queued.size).toBe(REVIEWS);
  expect({ lost, duplicated, foreign, changed }).toEqual({ lost: 0, duplicated: 0, foreign: 0, changed: 0 });
  // The faults really happened.
  for (const [fault] of PLAN) expect(proxy.counts[fault], fault).toBeGreaterThan(0);
});
