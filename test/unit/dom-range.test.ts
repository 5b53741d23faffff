// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { offsetsOfRange, rangeFromOffsets } from '../../utils/anchoring/dom-range';
import { anchorPassage, describePassage } from '../../utils/anchoring/text-quote';

let response: HTMLElement;

beforeEach(() => {
  document.body.innerHTML = `
    <p>Before the response.</p>
    <div id="response"><p>Start <strong>empiric <em>antibiotics</em></strong> within one hour.</p><ul><li>Give 30 mL/kg</li><li></li><li>of <code>crystalloid</code>.</li></ul></div>
    <p>After it.</p>`;
  response = document.getElementById('response') as HTMLElement;
});

const text = () => response.textContent ?? '';

describe('rangeFromOffsets and offsetsOfRange', () => {
  it('round-trip every span of a response across nested elements', () => {
    const length = text().length;
    for (let start = 0; start < length; start += 3) {
      for (let end = start + 1; end <= length; end += 4) {
        const range = rangeFromOffsets(response, start, end);
        expect(range?.toString()).toBe(text().slice(start, end));
        expect(range && offsetsOfRange(response, range)).toEqual({ start, end });
      }
    }
  });

  it('starts and ends a range inside the text nodes it selects', () => {
    const start = text().indexOf('antibiotics');
    const range = rangeFromOffsets(response, start, start + 'antibiotics within'.length);
    expect(range?.startContainer.textContent).toBe('antibiotics');
    expect(range?.startOffset).toBe(0);
    expect(range?.endContainer.textContent).toBe(' within one hour.');
    const end = text().indexOf(' within');
    const before = rangeFromOffsets(response, start, end);
    expect(before?.endContainer.textContent).toBe('antibiotics');
    expect(before?.endOffset).toBe('antibiotics'.length);
  });

  it('refuses offsets outside the text or in the wrong order', () => {
    expect(rangeFromOffsets(response, -1, 3)).toBeNull();
    expect(rangeFromOffsets(response, 5, 5)).toBeNull();
    expect(rangeFromOffsets(response, 6, 2)).toBeNull();
    expect(rangeFromOffsets(response, 0, text().length + 1)).toBeNull();
    expect(rangeFromOffsets(response, 0, text().length)?.toString()).toBe(text());
  });

  it('reads element boundaries and cuts a selection dragged past the response', () => {
    const range = document.createRange();
    const paragraphs = document.querySelectorAll('p');
    range.setStart(paragraphs[0] as Node, 0);
    range.setEnd(response.querySelector('li') as Node, 1);
    expect(offsetsOfRange(response, range)).toEqual({ start: 0, end: text().indexOf('Give 30 mL/kg') + 13 });
    range.setEnd(paragraphs[2] as Node, 1);
    expect(offsetsOfRange(response, range)).toEqual({ start: 0, end: text().length });
    range.selectNodeContents(paragraphs[0] as Node);
    expect(offsetsOfRange(response, range)).toBeNull();
    range.setStart(response, 1);
    range.setEnd(response, 1);
    expect(offsetsOfRange(response, range)).toBeNull();
  });

  it('turns a selection into a stored passage and back into a range after the page re-rendered', () => {
    const selection = document.createRange();
    const em = response.querySelector('em') as Element;
    selection.setStart(em.firstChild as Node, 3);
    selection.setEnd(response.querySelector('code')?.firstChild as Node, 5);
    const selected = 'ibiotics within one hour.Give 30 mL/kgof cryst';
    const offsets = offsetsOfRange(response, selection);
    const passage = offsets && describePassage(text(), offsets.start, offsets.end);
    expect(passage?.quote.exact).toBe(selected);

    response.innerHTML = `<p>Sepsis:</p>${response.innerHTML}`;
    const anchor = passage && anchorPassage(text(), passage);
    const highlight = anchor && rangeFromOffsets(response, anchor.start, anchor.end);
    expect(highlight && offsetsOfRange(response, highlight)).toEqual({
      start: text().indexOf(selected),
      end: text().indexOf(selected) + selected.length,
    });
  });
});
