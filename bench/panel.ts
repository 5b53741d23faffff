/**
 * Panel and popup open benchmark, against the real server with 1,000 tasks
 * assigned to the expert. Baseline, in the same run: opening an extension page
 * that shows next to nothing (the panel page without a session, until it says
 * so). Figures: a click on Improve on the demo page until the review panel is
 * ready to type in, and the popup's open until the task list shows its rows;
 * each as its difference from the baseline (the budget), and as a time.
 * Medians of 7.
 *
 *   npx tsx bench/panel.ts
 */
import { chromium, type Page } from '@playwright/test';
import { createToken } from '../server/auth';
import { openDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { clinicalTasks, seedDemo } from '../server/demo/seed';
import { assignTask, upsertTasks } from '../server/resources/tasks';
import { startServer } from '../server/serve';
import { clickControl, pageControls } from '../test/e2e/shadow';
import { launchBrowser, median, signedInPopup } from './browser';
import { type Figure, figureLine } from './figure';

const RUNS = 7;
const TASKS = 1000;

async function timed(action: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

export async function benchPanel(): Promise<Figure[]> {
  const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrate(db);
  const people = await seedDemo(db);
  const extra = Array.from({ length: TASKS - clinicalTasks().length }, (_, i) => {
    const task = clinicalTasks()[i % clinicalTasks().length];
    return { task: { ...task, id: `bench-${i}`, title: `${task?.title} (${i})` } as never };
  });
  await upsertTasks(db, people.teamId, extra, people.projectId);
  for (const { task } of extra) {
    await assignTask(db, { teamId: people.teamId, taskId: (task as { id: string }).id, userId: people.expertId });
  }
  const token = await createToken(db, people.expertId);
  const server = await startServer({ db, rateLimitPerMinute: 1_000_000 }, 0, '127.0.0.1');
  const browser = await launchBrowser(chromium, true);
  try {
    const { context } = browser;
    const { popup: signIn, origin } = await signedInPopup(context, server.url, token);
    await signIn.getByRole('heading', { name: `Assigned tasks (${TASKS})` }).waitFor();
    await signIn.close();

    const chat = await context.newPage();
    await chat.goto(`${server.url}/demo/chat`);
    while ((await pageControls(chat)).length < 4) await chat.waitForTimeout(100);
    const panelFrame = () => chat.frames().find((f) => f.url().includes('/panel.html'));

    const blank: number[] = [];
    const popup: number[] = [];
    const panel: number[] = [];
    const tab: Page = await context.newPage();
    for (let run = 0; run < RUNS; run++) {
      blank.push(
        await timed(async () => {
          await tab.goto(`${origin}/panel.html#no-session`);
          await tab.getByRole('alert').waitFor();
        }),
      );
      popup.push(
        await timed(async () => {
          await tab.goto(`${origin}/popup.html`);
          await tab.getByRole('heading', { name: `Assigned tasks (${TASKS})` }).waitFor();
          await tab
            .getByRole('button', { name: /^Open: / })
            .first()
            .waitFor();
        }),
      );
      await chat.bringToFront();
      panel.push(
        await timed(async () => {
          await clickControl(chat, 't6', 'Improve');
          for (;;) {
            const frame = panelFrame();
            if (
              frame &&
              (await frame
                .getByLabel('Your rewrite')
                .isEditable()
                .catch(() => false))
            )
              break;
            await chat.waitForTimeout(5);
          }
        }),
      );
      await panelFrame()?.getByRole('button', { name: 'Close the review panel' }).click();
      while (panelFrame()) await chat.waitForTimeout(20);
      await tab.bringToFront();
    }
    const rows = await tab.getByRole('list', { name: 'Assigned tasks' }).getByRole('listitem').count();
    const base = median(blank);
    return [
      {
        benchmark: 'panel open: click on Improve until the panel takes typing',
        measured: `+${(median(panel) - base).toFixed(0)} ms (${median(panel).toFixed(0)} ms; a bare extension page ${base.toFixed(0)} ms)`,
        budget: '≤ 150 ms over a bare page',
        within: median(panel) - base <= 150,
      },
      {
        benchmark: `popup open with ${TASKS} assigned tasks until the list shows`,
        measured: `+${(median(popup) - base).toFixed(0)} ms (${median(popup).toFixed(0)} ms; ${rows} rows in the DOM)`,
        budget: '≤ 100 ms over a bare page',
        within: median(popup) - base <= 100,
      },
    ];
  } finally {
    await browser.close();
    await server.close(1_000);
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await benchPanel()) console.log(figureLine(figure));
}
