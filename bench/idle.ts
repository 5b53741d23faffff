/**
 * Idle cost: a page that is not a chat page (an article of 300 paragraphs)
 * loaded with and without the extension, in the same run. Figures: how many
 * scripts the extension ran in it (its isolated worlds), and the main thread's
 * busy time from navigation to 1.5 s after load, with ÷ without. Two pages:
 * one on a site the extension is not for, and one on this machine outside the
 * demo pages: in neither may it inject anything.
 *
 *   npx tsx bench/idle.ts
 */
import { type BrowserContext, chromium } from '@playwright/test';
import { launchBrowser, median } from './browser';
import { type Figure, figureLine } from './figure';

const RUNS = 7;
const PAGES = { 'another site': 'https://news.example.test/article', 'a local page': 'http://127.0.0.1:9/article' };
const ARTICLE = `<!doctype html><html><head><title>Article</title></head><body><main>${Array.from(
  { length: 300 },
  (_, i) => `<p>Paragraph ${i}: sepsis care improved when antibiotics were given within the hour.</p>`,
).join('')}</main></body></html>`;

async function load(context: BrowserContext, url: string): Promise<{ busyMs: number; extensionWorlds: number }> {
  const page = await context.newPage();
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: ARTICLE }));
  const cdp = await context.newCDPSession(page);
  let extensionWorlds = 0;
  cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
    if (c.origin.startsWith('chrome-extension://')) extensionWorlds++;
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Performance.enable');
  const taskDuration = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
  const before = await taskDuration();
  await page.goto(url);
  await page.waitForTimeout(1500);
  const busyMs = ((await taskDuration()) - before) * 1000;
  await page.close();
  return { busyMs, extensionWorlds };
}

export async function benchIdle(): Promise<Figure[]> {
  const plain = await launchBrowser(chromium, false);
  const extended = await launchBrowser(chromium, true);
  try {
    const figures: Figure[] = [];
    for (const [name, url] of Object.entries(PAGES)) {
      const base: number[] = [];
      const withExt: number[] = [];
      let worlds = 0;
      for (let run = 0; run < RUNS; run++) {
        base.push((await load(plain.context, url)).busyMs);
        const m = await load(extended.context, url);
        withExt.push(m.busyMs);
        worlds = Math.max(worlds, m.extensionWorlds);
      }
      const ratio = median(withExt) / median(base);
      figures.push({
        benchmark: `idle: an article on ${name}: scripts injected; main-thread busy time with ÷ without`,
        measured: `${worlds} script${worlds === 1 ? '' : 's'}; ${ratio.toFixed(2)} (${median(withExt).toFixed(0)} ms / ${median(base).toFixed(0)} ms)`,
        // With nothing injected, the busy-time ratio is the machine's noise: the budget is the count.
        budget: 'nothing injected',
        within: worlds === 0,
      });
    }
    return figures;
  } finally {
    await plain.close();
    await extended.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await benchIdle()) console.log(figureLine(figure));
}
