/**
 * Finds the responses on the page and gives each finished one its controls.
 *
 * Cheap by design, since it runs on every chat page: page mutations only arm
 * a timer, and a scan (at most every SCAN_MS) looks at turns that have no
 * controls yet. A response gets controls once the adapter says it is not
 * streaming and, for a response that appeared after load, once its text has
 * stopped changing for QUIET_MS. Text is read only when the user acts.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SiteAdapter, TurnElement } from '@/utils/adapters/adapter';
import { buildCapture, readTurns, responseGroups } from '@/utils/adapters/capture';
import { genericAdapter } from '@/utils/adapters/generic';
import { elementText } from '@/utils/adapters/text';
import type { PanelFocus } from '@/utils/messages/background';
import type { LatestResponse, PageStatus } from '@/utils/messages/content';
import { sendToBackground } from '@/utils/messages/send';
import type { Capture } from '@/utils/schema/capture';
import { type Controls, createControls } from './controls';
import type { PanelFrame } from './panel-frame';

const SCAN_MS = 250;
const QUIET_MS = 800;

export interface Overlay {
  latest(): LatestResponse;
  openLatest(): Promise<void>;
  /** The manual fallback: the selected text, reviewed as a response, on any page. */
  reviewSelection(): Promise<void>;
}

/** The current selection as text, keeping its structure (lists, code, tables). */
function selectedText(noise: string | undefined): string {
  const selection = document.getSelection();
  const holder = document.createElement('div');
  for (let i = 0; i < (selection?.rangeCount ?? 0); i++) {
    const range = selection?.getRangeAt(i);
    if (range) holder.append(range.cloneContents());
  }
  return elementText(holder, noise);
}

export function startOverlay(ctx: ContentScriptContext, adapter: SiteAdapter, panel: PanelFrame): Overlay {
  const attached = new Map<Element, Controls>();
  const lastSeen = new WeakMap<Element, { length: number; since: number }>();
  let afterLoad = false;
  let timer: number | undefined;

  /** Settled: not streaming, has text, and (if it appeared after load) unchanged for QUIET_MS. */
  function isSettled(turn: TurnElement): boolean {
    if (adapter.isStreaming(turn)) return false;
    const length = turn.el.textContent?.trim().length ?? 0;
    if (length === 0) return false;
    if (!afterLoad) return true;
    const now = performance.now();
    const seen = lastSeen.get(turn.el);
    if (seen?.length !== length) {
      lastSeen.set(turn.el, { length, since: now });
      return false;
    }
    return now - seen.since >= QUIET_MS;
  }

  function scan(): void {
    timer = undefined;
    const turns = adapter.findTurns(document);
    const groupSize = new Map<Element, number>();
    for (const group of responseGroups(turns.map((t) => t.role))) {
      for (const i of group) {
        const turn = turns[i];
        if (turn) groupSize.set(turn.el, group.length);
      }
    }
    for (const [el, controls] of attached) {
      if (!el.isConnected) {
        controls.remove();
        attached.delete(el);
      }
    }
    let unsettled = false;
    for (const turn of turns) {
      if (turn.role !== 'assistant' || turn.shown === false) continue;
      let controls = attached.get(turn.el);
      if (!controls) {
        if (!isSettled(turn)) {
          unsettled = true;
          continue;
        }
        controls = createControls(turn.el, actionsFor(turn.el));
        attached.set(turn.el, controls);
      }
      controls.place();
      controls.setGroupSize(groupSize.get(turn.el) ?? 1);
    }
    afterLoad = true;
    if (unsettled) schedule(QUIET_MS);
  }

  function schedule(delay: number): void {
    if (timer === undefined) timer = ctx.setTimeout(scan, delay);
  }

  /** Reads the page at the moment of the action, so the capture has the text as it is now. */
  function captureOf(targetEls: Element[]): { capture: Capture; targets: number[] } {
    const turns = adapter.findTurns(document);
    const indexes = targetEls.map((el) => turns.findIndex((t) => t.el === el));
    if (indexes.some((i) => i < 0)) throw new Error('This response is no longer on the page');
    return buildCapture(
      readTurns(adapter, turns),
      indexes,
      { site: adapter.id, url: location.href, title: document.title },
      new Date(),
    );
  }

  function groupOf(el: Element): Element[] {
    const turns = adapter.findTurns(document);
    const i = turns.findIndex((t) => t.el === el);
    if (i < 0) throw new Error('This response is no longer on the page');
    const group = responseGroups(turns.map((t) => t.role)).find((g) => g.includes(i)) ?? [i];
    return group.map((j) => turns[j]?.el).filter((e): e is Element => e !== undefined);
  }

  async function openPanel(capture: Capture, focus: PanelFocus): Promise<void> {
    const { sessionId } = await sendToBackground({ type: 'panel.open', capture, focus });
    panel.open(sessionId);
  }

  function actionsFor(el: Element) {
    return {
      async approve() {
        const { capture, targets } = captureOf([el]);
        await sendToBackground({ type: 'review.approve', capture, turn: targets[0] ?? 0 });
      },
      async improve() {
        const { capture, targets } = captureOf([el]);
        await openPanel(capture, { kind: 'improve', turn: targets[0] ?? 0 });
      },
      async rank() {
        const { capture, targets } = captureOf(groupOf(el));
        await openPanel(capture, { kind: 'rank', turns: targets });
      },
    };
  }

  /** The newest response on show, and whether it has finished (has its controls). */
  function newest(): { el: Element | undefined; finished: boolean } {
    const el = adapter.findTurns(document).findLast((t) => t.role === 'assistant' && t.shown !== false)?.el;
    return { el, finished: el !== undefined && attached.has(el) };
  }

  function status(): PageStatus {
    const turns = adapter.findTurns(document);
    const responses = turns.filter((t) => t.role === 'assistant');
    const { el, finished } = newest();
    return {
      site: adapter.name,
      supported: adapter !== genericAdapter,
      prompts: turns.length - responses.length,
      responses: responses.length,
      streaming: el !== undefined && !finished,
    };
  }

  const observer = new MutationObserver(() => schedule(SCAN_MS));
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    for (const controls of attached.values()) controls.remove();
    panel.close();
  });
  ctx.addEventListener(window, 'wxt:locationchange', () => schedule(SCAN_MS));
  scan();

  return {
    latest() {
      const { el, finished } = newest();
      if (!el || !finished) return { status: 'none', page: status() };
      const { capture, targets } = captureOf([el]);
      return { status: 'ready', page: status(), capture, turn: targets[0] ?? 0 };
    },
    async reviewSelection() {
      const text = selectedText(adapter.noise);
      if (!text) throw new Error('Select the text of a response first, then choose Review selection');
      const page = { site: 'selection', url: location.href, title: document.title };
      const { capture } = buildCapture([{ role: 'assistant', text }], [0], page, new Date());
      await openPanel(capture, { kind: 'improve', turn: 0 });
    },
    async openLatest() {
      const { el, finished } = newest();
      if (!el || !finished) throw new Error('The newest response has not finished yet');
      await actionsFor(el).improve();
    },
  };
}
