// @vitest-environment happy-dom
/**
 * A page whose app throws shows what happened and a way on, not a blank page;
 * markdown whose renderer fails to load shows as plain text.
 */
import { act, createElement } from 'react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { Markdown } from '../../components/Markdown';
import { mount } from '../../components/mount';

vi.mock('../../components/SanitizedMarkdown', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeEach(() => {
  document.body.innerHTML = '<div id="root"></div>';
  // React reports the errors it caught; they are the point of these tests.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

function Broken(): never {
  throw new Error('tasks is undefined');
}

test('a page whose app throws says what happened and offers a reload', async () => {
  await act(async () => mount(createElement(Broken), 'Attending'));
  const alert = document.querySelector('[role="alert"]');
  expect(alert?.querySelector('h1')?.textContent).toBe('Something went wrong');
  expect(alert?.textContent).toContain('This page stopped because of an error: tasks is undefined.');
  expect(alert?.textContent).toContain('Your reviews and drafts are kept.');
  expect(document.querySelector('main button')?.textContent).toBe('Reload');
});

test('markdown whose renderer fails to load shows as it is written', async () => {
  const text = '**Sepsis**: start antibiotics within 1 hour.';
  await act(async () => mount(createElement(Markdown, { text, label: 'Guidelines' }), 'Attending'));
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  const shown = document.querySelector('[aria-label="Guidelines"]');
  expect(shown?.textContent).toBe(text);
  expect(document.querySelector('[role="alert"]')).toBeNull();
});
