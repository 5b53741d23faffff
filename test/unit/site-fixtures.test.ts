// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readTurns, responseGroups } from '../../utils/adapters/capture';
import { adapterFor } from '../../utils/adapters/registry';
import { savedPageForReading } from '../../utils/adapters/saved-page';
import { siteFixtures } from '../support/site-fixtures';

describe.each(siteFixtures())('$name', ({ html, expected }) => {
  const document = new DOMParser().parseFromString(savedPageForReading(html), 'text/html');
  const adapter = adapterFor(new URL(expected.url));
  const turns = adapter.findTurns(document);
  const read = readTurns(adapter, turns);

  it(`is read by the ${expected.adapter} adapter`, () => {
    expect(adapter.id).toBe(expected.adapter);
  });

  it('yields every turn in page order with role, ids, model, text and reasoning', () => {
    expect(read.map((t) => t.role)).toEqual(expected.turns.map((t) => t.role));
    expected.turns.forEach((want, i) => {
      const got = read[i];
      const turn = turns[i];
      const where = `turn ${i}`;
      expect(
        got?.text.startsWith(want.start),
        `${where} starts with ${JSON.stringify(want.start)}: ${JSON.stringify(got?.text.slice(0, 120))}`,
      ).toBe(true);
      if (want.end) {
        expect(
          got?.text.endsWith(want.end),
          `${where} ends with ${JSON.stringify(want.end)}: ${JSON.stringify(got?.text.slice(-120))}`,
        ).toBe(true);
      }
      if (want.messageId !== undefined) expect(got?.messageId, where).toBe(want.messageId);
      if (want.model !== undefined) expect(got?.model, where).toBe(want.model);
      if (want.reasoning === false) expect(got?.reasoning, where).toBeUndefined();
      if (want.reasoning)
        expect(
          got?.reasoning?.startsWith(want.reasoning.start),
          `${where} reasoning: ${JSON.stringify(got?.reasoning?.slice(0, 120))}`,
        ).toBe(true);
      expect(turn?.shown ?? true, where).toBe(want.shown ?? true);
    });
  });

  it('keeps labels, captions and reasoning headers out of the text', () => {
    for (const text of read.map((t) => t.text)) {
      for (const noise of expected.never ?? []) expect(text).not.toContain(noise);
    }
  });

  it('groups the responses to one prompt', () => {
    const singles = read.flatMap((t, i) => (t.role === 'assistant' ? [[i]] : []));
    expect(responseGroups(read.map((t) => t.role))).toEqual(expected.groups ?? singles);
  });

  it('sees nothing still streaming in a saved page', () => {
    expect(turns.filter((t) => adapter.isStreaming(t))).toEqual([]);
  });
});
