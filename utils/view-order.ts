/**
 * In which order to make the controls of many responses: the ones in view
 * first, then outward from the view, nearest first (below before above, as a
 * reader goes down). The responses come in document order, which chat pages
 * lay out top to bottom, so the ones in view are found by a binary search:
 * a conversation of thousands of turns costs a few position reads plus one
 * per response in view, not one per response. Positions are relative to the
 * viewport (as `getBoundingClientRect` gives them).
 */
export interface Span {
  top: number;
  bottom: number;
}

export function inViewFirst(
  count: number,
  span: (index: number) => Span,
  viewHeight: number,
): { inView: number[]; later: number[] } {
  // The first response whose bottom is below the top of the view.
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (span(mid).bottom > 0) high = mid;
    else low = mid + 1;
  }
  let end = low;
  while (end < count && span(end).top < viewHeight) end++;
  const inView = Array.from({ length: end - low }, (_, k) => low + k);
  const later: number[] = [];
  for (let below = end, above = low - 1; below < count || above >= 0; below++, above--) {
    if (below < count) later.push(below);
    if (above >= 0) later.push(above);
  }
  return { inView, later };
}
