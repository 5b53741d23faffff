/**
 * Attach benchmark: a conversation of N turns is loaded in Chromium with and
 * without the extension, in the same run. Baseline: the page's own load time
 * (DOMContentLoaded) without the extension. Figures: the load-time ratio with
 * vs without, and the time from load to every response having its controls.
 *
 *   npx tsx bench/attach.ts [turns…]    (default: 50 500)
 *
 * Needs the built extension (`npm run build`) and Chromium (CHROMIUM_PATH).
 */
import { type BrowserContext, chromium } from '@playwright/test';
import { launchBrowser, median } from './browser';
import { type Figure, figureLine } from './figure';

const RUNS = 5;
const URL_BASE = 'http://127.0.0.1:9/demo/bench-chat';

function conversation(turns: number): string {
  const body = Array.from({ length: turns }, (_, i) => {
    const role = i % 2 ? 'assistant' : 'user';
    const text =
      role === 'user'
        ? `<p>Question ${i}: what is the next step for this patient?</p>`
        : `<p>Answer ${i}. Check the airway, then:</p><ol><li>Give oxygen to a saturation of 94–98%.</li><li>Obtain IV access and send a lactate.</li></ol><pre><code class="language-text">dose = 30 mL/kg × 70 kg = 2,100 mL</code></pre>`;
    return `<article><div data-message-author-role="${role}" data-message-id="m${i}">${text}</div></article>`;
  }).join('');
  // The page measures itself: its load, and when the last response's controls appear.
  return `<!doctype html><html><head><title>bench</title><script>
    window.__bench = {};
    document.addEventListener('DOMContentLoaded', () => { window.__bench.loaded = performance.now(); });
    new MutationObserver(() => {
      if (!window.__bench.attached && document.querySelectorAll('attending-controls').length === ${Math.floor(turns / 2)}) {
        window.__bench.attached = performance.now();
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  </script></head><body><main>${body}</main></body></html>`;
}

async function measure(context: BrowserContext, turns: number, withExtension: boolean) {
  const page = await context.newPage();
  const html = conversation(turns);
  await page.route(URL_BASE, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(URL_BASE);
  if (withExtension)
    await page.waitForFunction(() => (window as never as { __bench: { attached?: number } }).__bench.attached, null, {
      timeout: 60_000,
    });
  const result = await page.evaluate(
    () => (window as never as { __bench: { loaded: number; attached?: number } }).__bench,
  );
  await page.close();
  return result;
}

export async function benchAttach(sizes: number[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  const plain = await launchBrowser(chromium, false);
  const extended = await launchBrowser(chromium, true);
  try {
    for (const turns of sizes) {
      const base: number[] = [];
      const withExt: number[] = [];
      const extra: number[] = [];
      // Interleaved, so that machine noise falls on both sides alike.
      for (let run = 0; run < RUNS; run++) {
        base.push((await measure(plain.context, turns, false)).loaded);
        const m = await measure(extended.context, turns, true);
        withExt.push(m.loaded);
        extra.push((m.attached ?? Number.NaN) - m.loaded);
      }
      figures.push({
        benchmark: `attach, ${turns} turns: all controls after the page's load`,
        measured: `${median(extra).toFixed(1)} ms (load ${median(withExt).toFixed(1)} ms with / ${median(base).toFixed(1)} ms without)`,
        budget: '≤ 50 ms',
        within: median(extra) <= 50,
      });
    }
  } finally {
    await plain.close();
    await extended.close();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number);
  for (const figure of await benchAttach(sizes.length ? sizes : [50, 500, 5000])) console.log(figureLine(figure));
}
