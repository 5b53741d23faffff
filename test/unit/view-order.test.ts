import { describe, expect, it } from 'vitest';
import { inViewFirst, type Span } from '../../utils/view-order';

/** Responses of `height` px one under the other, the page scrolled by `scroll` px. */
function column(height: number, scroll: number) {
  const reads: number[] = [];
  const span = (i: number): Span => {
    reads.push(i);
    return { top: i * height - scroll, bottom: (i + 1) * height - scroll };
  };
  return { span, reads };
}

describe('inViewFirst', () => {
  it('puts the responses in view first, then the others nearest first, below before above', () => {
    const { span } = column(100, 350); // view 0–250 shows responses 3 (partly), 4 and 5
    expect(inViewFirst(10, span, 250)).toEqual({ inView: [3, 4, 5], later: [6, 2, 7, 1, 8, 0, 9] });
  });

  it('lists every response exactly once', () => {
    for (const scroll of [0, 99, 100, 5_000, 99_999, 200_000]) {
      const { span } = column(100, scroll);
      const { inView, later } = inViewFirst(1000, span, 720);
      expect([...inView, ...later].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    }
  });

  it('handles a view above or below every response, and none at all', () => {
    expect(inViewFirst(3, column(100, -500).span, 250)).toEqual({ inView: [], later: [0, 1, 2] });
    expect(inViewFirst(3, column(100, 500).span, 250)).toEqual({ inView: [], later: [2, 1, 0] });
    expect(inViewFirst(0, column(100, 0).span, 250)).toEqual({ inView: [], later: [] });
  });

  it('reads the positions of a few responses, not of all of them', () => {
    const { span, reads } = column(100, 250_000);
    const { inView } = inViewFirst(5000, span, 720);
    expect(inView).toHaveLength(8);
    expect(reads.length).toBeLessThan(30);
  });
});
