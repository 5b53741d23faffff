/**
 * Streaming benchmark: a chat page streams a 20,000-token response into the
 * last assistant message (a few tokens per task, like chat apps do). The
 * figure is the renderer main thread's busy time during the stream
 * (DevTools Performance.getMetrics TaskDuration) with the extension divided
 * by the same without it, measured alternately in the same run.
 *
 *   npx tsx bench/streaming.ts [tokens]    (default: 20000)
 */
import { type BrowserContext, chromium } from '@playwright/test';
import { launchBrowser, median } from './browser';
import { type Figure, figureLine } from './figure';

const URL_BASE = 'http://127.0.0.1:9/demo/bench-stream';
const RUNS = 3;

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

async function busyTime(context: BrowserContext, html: string): Promise<number> {
  const page = await context.newPage();
  await page.route(URL_BASE, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(URL_BASE);
  await page.waitForTimeout(500); // let the content script settle on the history
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskDuration = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
  const before = await taskDuration();
  await page.evaluate(async () => {
    const w = window as unknown as { __start(): void; __done: Promise<void> };
    w.__start();
    await w.__done;
  });
  await page.waitForTimeout(1200); // the extension's settle-and-attach after the stream ends
  const after = await taskDuration();
  await page.close();
  return (after - before) * 1000;
}

export async function benchStreaming(tokens: number): Promise<Figure> {
  const html = streamingPage(tokens);
  const plain = await launchBrowser(chromium, false);
  const extended = await launchBrowser(chromium, true);
  try {
    const base: number[] = [];
    const withExt: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      base.push(await busyTime(plain.context, html));
      withExt.push(await busyTime(extended.context, html));
    }
    const ratio = median(withExt) / median(base);
    return {
      benchmark: `streaming ${tokens} tokens: main-thread busy time, with ÷ without`,
      measured: `${ratio.toFixed(3)} (${median(withExt).toFixed(0)} ms / ${median(base).toFixed(0)} ms)`,
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
