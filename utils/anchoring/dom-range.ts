/**
 * Between character offsets in an element's `textContent` and DOM ranges, by
 * walking the element's text nodes: the content script draws a passage's
 * highlight over a response from offsets, and turns the reviewer's selection
 * into offsets. What the offsets mean (which text they index) and how a passage
 * is found in that text is `text-quote.ts`; this module only translates.
 *
 * As in Hypothesis (`src/annotator/anchoring/text-range.ts`), an offset at the
 * boundary of two text nodes starts a range in the later node and ends it in
 * the earlier one, so a range never begins or ends in a node it selects
 * nothing of. No globals: only the element's own document is used, so this
 * works on a saved page read in Node as on the live page.
 */

/** `NodeFilter.SHOW_TEXT`, spelled out so that no global is needed. */
const SHOW_TEXT = 0x4;

function textNodes(root: Element): Text[] {
  const walker = root.ownerDocument.createTreeWalker(root, SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node as Text).data.length > 0) nodes.push(node as Text);
  }
  return nodes;
}

/** The range of `root`'s text from `start` to `end` (exclusive); null unless 0 ≤ start < end ≤ its length. */
export function rangeFromOffsets(root: Element, start: number, end: number): Range | null {
  if (!(start >= 0 && start < end)) return null;
  let startPoint: [Text, number] | undefined;
  let seen = 0;
  for (const node of textNodes(root)) {
    const length = node.data.length;
    if (!startPoint && start < seen + length) startPoint = [node, start - seen];
    if (startPoint && end <= seen + length) {
      const range = root.ownerDocument.createRange();
      range.setStart(...startPoint);
      range.setEnd(node, end - seen);
      return range;
    }
    seen += length;
  }
  return null;
}

/**
 * Where `range` is in `root`'s text, cut to the part inside `root` (a
 * selection dragged past the response keeps what is in it); null if it
 * selects none of `root`'s text.
 */
export function offsetsOfRange(root: Element, range: Range): { start: number; end: number } | null {
  // Also false for a range in another document or shadow tree, where comparePoint would throw.
  if (!range.intersectsNode(root)) return null;
  let start: number | undefined;
  let end: number | undefined;
  let seen = 0;
  for (const node of textNodes(root)) {
    const length = node.data.length;
    // comparePoint: -1 before the range, 0 in it, 1 after it.
    if (range.comparePoint(node, length) >= 0 && range.comparePoint(node, 0) <= 0) {
      const from = node === range.startContainer ? range.startOffset : 0;
      const to = node === range.endContainer ? range.endOffset : length;
      if (from < to) {
        start ??= seen + from;
        end = seen + to;
      }
    }
    seen += length;
  }
  return start === undefined || end === undefined ? null : { start, end };
}
