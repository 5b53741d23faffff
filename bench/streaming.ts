/**
 * Streaming benchmark: a chat page streams a 20,000-token response into the
 * last assistant message (a few tokens per task, like chat apps do). The
 * figure is the renderer main thread's busy time during the stream
 * (DevTools Performance.getMetrics TaskDuration) with the extension divided
 * by the same without it, measured alternately in the same run (medians of
 * 7). That ratio moves by a few percent between runs on a noisy machine, so a
 * last, profiled run also says what share of the busy time the extension's
 * own scripts took (with the DOM calls they make). What the page spends
 * laying out and painting the extension's elements is in no script: only the
 * ratio shows it (controls off screen cost nothing there: see controls.ts).
 *
 *   npx tsx bench/streaming.ts [tokens]    (default: 20000)
 */
import { type BrowserContext, chromium } from '@playwright/test';
import { launchBrowser, median } from './browser';
import { type Figure, figureLine } from './figure';

const URL_BASE = 'http://127.0.0.1:9/demo/bench-stream';
const RUNS = 7;

function streamingPage(tokens: number): string {
  const history = Array.from({ length: 40 }, (_, i) =>
    i % 2
      ? `<div data-message-author-role="assistant" data-message-id="a${i}"><p>Earlier answer ${i} with <strong>some</strong> markdown.</p><ul><li>one</li><li>two</li></ul></div>`
      : `<div data-message-author-role="user" data-message-id="u${i}"><p>Earlier question ${i}?</p></div>`,
  ).join('');
  return `<!doctype html><html><head><title>stream</title></head><body><main>${history}
    <div data-message-author-role="user" data-message-id="uq"><p>Explain sepsis management.</p></div>
    <div data-message-author-role="assistant" data-message-id="live" aria-busy="true"><div class="markdown"><p></p></div></div>
    </main><script>
      const TOKENS = ${tokens}, PER_TASK = 4;
      const live = document.querySelector('[data-message-id="live"]');
      let p = live.querySelector('p'), n = 0;
      window.__done = new Promise((resolve) => {
        function tick() {
          for (let i = 0; i < PER_TASK && n < TOKENS; i++, n++) {
            p.append(document.createTextNode('token' + n + ' '));
            if (n % 60 === 59) { p = document.createElement('p'); live.firstElementChild.append(p); }
          }
          if (n < TOKENS) setTimeout(tick, 0);
          else { live.removeAttribute('aria-busy'); resolve(); }
        }
        window.__start = () => setTimeout(tick, 0);
      });
    </script></body></html>`;
}

/**
 * Streams the response once; returns the main thread's busy time, and (when
 * `profile`) how much of the sampled busy time was the extension's own scripts.
 */
async function stream(
  context: BrowserContext,
  html: string,
  profile = false,
): Promise<{ busyMs: number; extensionShare?: number }> {
  const page = await context.newPage();
  await page.route(URL_BASE, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(URL_BASE);
  await page.waitForTimeout(500); // let the content script settle on the history
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const taskDuration = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
  const before = await taskDuration();
  await page.evaluate(async () => {
    const w = window as unknown as { __start(): void; __done: Promise<void> };
    w.__start();
    await w.__done;
  });
  await page.waitForTimeout(1200); // the extension's settle-and-attach after the stream ends
  const busyMs = ((await taskDuration()) - before) * 1000;
  let extensionShare: number | undefined;
  if (profile) {
    const { profile: samples } = await cdp.send('Profiler.stop');
    // A sample is the extension's when any frame of its stack is: the DOM calls its scripts make count too.
    const parentOf = new Map(samples.nodes.flatMap((n) => (n.children ?? []).map((c) => [c, n.id] as const)));
    const frameOf = new Map(samples.nodes.map((n) => [n.id, n.callFrame]));
    const isOurs = (id: number | undefined): boolean =>
      id !== undefined && (Boolean(frameOf.get(id)?.url.startsWith('chrome-extension://')) || isOurs(parentOf.get(id)));
    let ours = 0;
    let busy = 0;
    samples.samples?.forEach((id, i) => {
      const delta = samples.timeDeltas?.[i] ?? 0;
      if (frameOf.get(id)?.functionName === '(idle)') return;
      busy += delta;
      if (isOurs(id)) ours += delta;
    });
    extensionShare = ours / busy;
  }
  await page.close();
  return { busyMs, ...(extensionShare !== undefined ? { extensionShare } : {}) };
}

export async function benchStreaming(tokens: number): Promise<Figure> {
  const html = streamingPage(tokens);
  const plain = await launchBrowser(chromium, false);
  const extended = await launchBrowser(chromium, true);
  try {
    const base: number[] = [];
    const withExt: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      base.push((await stream(plain.context, html)).busyMs);
      withExt.push((await stream(extended.context, html)).busyMs);
    }
    const ratio = median(withExt) / median(base);
    // The ratio carries this machine's noise (a few percent between runs); a profile names the extension's part.
    const share = (await stream(extended.context, html, true)).extensionShare ?? Number.NaN;
    return {
      benchmark: `streaming ${tokens} tokens: main-thread busy time, with ÷ without`,
      measured: `${ratio.toFixed(3)} (${median(withExt).toFixed(0)} ms / ${median(base).toFixed(0)} ms; the extension's scripts: ${(share * 100).toFixed(2)}% of the busy time sampled)`,
      budget: '≤ 1.03',
      within: ratio <= 1.03,
    };
  } finally {
    await plain.close();
    await extended.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(figureLine(await benchStreaming(Number(process.argv[2] ?? 20_000))));
}
