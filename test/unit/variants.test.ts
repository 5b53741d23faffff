// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { TurnElement } from '../../utils/adapters/adapter';
import { SeenVariants } from '../../utils/adapters/variants';

const el = () => document.createElement('div');
const prompt = (messageId: string): TurnElement => ({ el: el(), role: 'user', messageId });
const answer = (messageId: string, slot = 'conversation-turn-2'): TurnElement => ({
  el: el(),
  role: 'assistant',
  messageId,
  slot,
});
const read = (text: string) => ({ role: 'assistant' as const, text });

describe('SeenVariants', () => {
  it('puts the variants seen before after the one on show, so they group for ranking', () => {
    const variants = new SeenVariants();
    const first = [prompt('p1'), answer('v1')];
    variants.remember(first, 1, read('first answer'));
    const now = [prompt('p1'), answer('v2'), prompt('p2'), answer('w1', 'conversation-turn-4')];
    variants.remember(now, 1, read('second answer'));
    expect(variants.layout(now)).toEqual({
      roles: ['user', 'assistant', 'assistant', 'user', 'assistant'],
      positions: [0, 1, 3, 4],
    });
    const texts = variants
      .expand(now, [read('Q'), read('second answer'), read('Q2'), read('other')])
      .map((t) => t.text);
    expect(texts).toEqual(['Q', 'second answer', 'first answer', 'Q2', 'other']);
  });

  it('keeps the variants of an edited prompt apart: they answer another question', () => {
    const variants = new SeenVariants();
    variants.remember([prompt('p1'), answer('v1')], 1, read('answer to the first wording'));
    const edited = [prompt('p1-edited'), answer('v2')];
    expect(variants.layout(edited).roles).toEqual(['user', 'assistant']);
  });

  it('ignores responses without a slot or id, and a variant seen twice counts once', () => {
    const variants = new SeenVariants();
    const plain: TurnElement[] = [prompt('p'), { el: el(), role: 'assistant', messageId: 'x' }];
    variants.remember(plain, 1, read('no slot'));
    expect(variants.layout(plain).roles).toHaveLength(2);
    const paged = [prompt('p'), answer('v1')];
    variants.remember(paged, 1, read('a'));
    variants.remember(paged, 1, read('a, read again'));
    variants.remember([prompt('p'), answer('v2')], 1, read('b'));
    expect(variants.expand([prompt('p'), answer('v2')], [read('Q'), read('b')]).map((t) => t.text)).toEqual([
      'Q',
      'b',
      'a, read again',
    ]);
  });
});
