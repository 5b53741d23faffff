/**
 * The in-page controls follow the page's own theme (chat apps have dark
 * themes of their own): dark buttons on a dark page, light on a light one,
 * and they switch when the page does. In both they pass axe-core.
 */
import { expect, test } from './fixtures';
import { controlBox, controlsAxeViolations, pageControls } from './shadow';

const URL = 'http://127.0.0.1:9/demo/theme';
const PAGE = `<!doctype html><html><head><title>Theme</title>
<style>body.dark { background: #0f1115; color: #e6e6e6; } body.light { background: #ffffff; color: #111; }</style>
</head><body class="dark"><main>
<div data-message-author-role="user" data-message-id="u1">Is a lactate of 4.3 mmol/L significant?</div>
<div data-message-author-role="assistant" data-message-id="a1"><p>Yes: at 4 mmol/L or more, give 30 mL/kg of crystalloid.</p></div>
</main></body></html>`;

test('the controls are dark on a dark page, light on a light one, and follow a switch', async ({ context }) => {
  await context.route(URL, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }));
  const page = await context.newPage();
  await page.goto(URL);
  await expect.poll(async () => (await pageControls(page)).length).toBe(1);
  const background = async () => (await controlBox(page, 'a1', 'Approve')).style['background-color'];
  await expect.poll(background).toBe('rgb(31, 38, 51)');
  expect(await controlsAxeViolations(page, 'a1')).toEqual([]);
  await page.evaluate(() => {
    document.body.className = 'light';
  });
  await expect.poll(background).toBe('rgb(255, 255, 255)');
  expect(await controlsAxeViolations(page, 'a1')).toEqual([]);
});
