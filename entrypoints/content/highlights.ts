/**
 * Highlights of the reviewer's passage comments over the page: boxes drawn
 * in a closed shadow root of the extension's own, laid over the text, so the
 * page's DOM is not changed (no <mark> the page's scripts could read or its
 * re-renders could break) and no comment text is ever in the page: a box
 * says only the kind of comment.
 *
 * Boxes are in viewport coordinates and are drawn again on scroll (of the
 * window or of any scrolling container: chat apps scroll inside a div) and
 * resize, at most once a frame, and only while there is something to draw.
 */
import { ownHost } from './own-host';

const STYLE = `
  :host { all: initial !important; position: fixed !important; inset: 0 !important;
          pointer-events: none !important; z-index: 2147483646 !important; }
  .box { position: fixed; border-bottom: 2px solid #c98a00; background: rgba(255, 196, 0, 0.22); }
  .box.factual_error, .box.unsafe { border-color: #b3261e; background: rgba(179, 38, 30, 0.14); }
  .box.well_done { border-color: #1e7a3c; background: rgba(30, 122, 60, 0.14); }
`;

export interface Highlight {
  range: Range;
  category: string;
}

export interface Highlights {
  /** Replaces what is highlighted. */
  show(highlights: Highlight[]): void;
  remove(): void;
}

export function createHighlights(): Highlights {
  let host: HTMLElement | undefined;
  let layer: HTMLDivElement | undefined;
  let shown: Highlight[] = [];
  let drawing = false;

  function draw(): void {
    drawing = false;
    if (!layer) return;
    const boxes: HTMLDivElement[] = [];
    const { innerWidth, innerHeight } = window;
    for (const { range, category } of shown) {
      for (const rect of range.getClientRects()) {
        // Off screen, or collapsed: nothing to see.
        if (rect.bottom < 0 || rect.top > innerHeight || rect.right < 0 || rect.left > innerWidth) continue;
        if (rect.width === 0 || rect.height === 0) continue;
        const box = document.createElement('div');
        box.className = `box ${category}`;
        box.style.cssText = `left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px`;
        boxes.push(box);
      }
    }
    layer.replaceChildren(...boxes);
  }

  const redraw = () => {
    if (drawing) return;
    drawing = true;
    requestAnimationFrame(draw);
  };

  function listen(on: boolean): void {
    const method = on ? 'addEventListener' : 'removeEventListener';
    window[method]('scroll', redraw, { capture: true, passive: true });
    window[method]('resize', redraw, { passive: true });
  }

  return {
    show(highlights) {
      const had = shown.length > 0;
      shown = highlights;
      if (!host) {
        if (!highlights.length) return;
        const made = ownHost('attending-highlights', STYLE);
        host = made.host;
        layer = document.createElement('div');
        made.root.append(layer);
      }
      if (!host.isConnected) document.documentElement.append(host);
      if (highlights.length && !had) listen(true);
      if (!highlights.length && had) listen(false);
      redraw();
    },
    remove() {
      if (shown.length) listen(false);
      shown = [];
      host?.remove();
    },
  };
}
