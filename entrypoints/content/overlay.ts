/**
 * Finds the responses on the page and gives each finished one its controls.
 *
 * Cheap by design, since it runs on every chat page: page mutations only arm
 * a timer, and a scan (at most every SCAN_MS) looks at turns that have no
 * controls yet. A response gets controls once the adapter says it is not
 * streaming and, for a response that appeared after load, once its text has
 * stopped changing for QUIET_MS. The controls of responses in view are built
 * at once; those of the rest between frames, nearest first, so that a long
 * conversation neither delays the page's next frame nor blocks its thread.
 * Text is read only when the user acts.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { i18n } from '#i18n';
import type { SiteAdapter, TurnElement } from '@/utils/adapters/adapter';
import { buildCapture, readTurns, responseGroups } from '@/utils/adapters/capture';
import { genericAdapter } from '@/utils/adapters/generic';
import { elementText } from '@/utils/adapters/text';
import { SeenVariants } from '@/utils/adapters/variants';
import { offsetsOfRange, rangeFromOffsets } from '@/utils/anchoring/dom-range';
import { anchorPassage, describePassage } from '@/utils/anchoring/text-quote';
import type { PageFocus } from '@/utils/messages/background';
import type { LatestResponse, PageStatus } from '@/utils/messages/content';
import { sendToBackground } from '@/utils/messages/send';
import { randomUuid } from '@/utils/random-uuid';
import { turnKey } from '@/utils/review/draft-key';
import type { Capture, TextQuote } from '@/utils/schema/capture';
import { LIMITS } from '@/utils/schema/limits';
import { inViewFirst } from '@/utils/view-order';
import { type Controls, createControls } from './controls';
import { createHighlights, type Highlight } from './highlights';
import type { PanelFrame } from './panel-frame';
import { pageTheme, type Theme } from './theme';

const SCAN_MS = 250;
const QUIET_MS = 800;
/** A lead's overlay asks for the team's reviews once new responses have settled for this long. */
const AUDIT_MS = 1500;
/** Passage comments are looked for once new responses have settled for this long. */
const PASSAGES_MS = 300;
/**
 * Controls out of view are built for this long at a time, between frames:
 * each batch costs the page one more layout of the whole conversation, so
 * batches are few, and short enough that none is a long task (50 ms).
 */
const BUILD_SLICE_MS = 25;

export interface Overlay {
  latest(): LatestResponse;
  openLatest(): Promise<void>;
  /** Keyboard navigation: moves to the next or previous finished response and focuses its controls. */
  move(by: 1 | -1): void;
  /**
   * The response moved to with the keyboard, else the newest: approved (its
   * controls say how it went, as after a click), or opened in the panel.
   */
  approveCurrent(): Promise<void>;
  openCurrent(): Promise<void>;
  /** The manual fallback: the selected text, reviewed as a response, on any page. */
  reviewSelection(): Promise<void>;
  /** Highlights the reviewer's passage comments on the page anew. */
  showPassages(): Promise<void>;
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
  /** Every finished response's controls, built or waiting to be built. */
  const attached = new Map<Element, Controls>();
  /** Finished responses whose controls are built between frames, the next one last. */
  const unbuilt: Element[] = [];
  let building = false;
  const lastSeen = new WeakMap<Element, { length: number; since: number }>();
  const variants = new SeenVariants();
  let afterLoad = false;
  let timer: number | undefined;
  let auditTimer: number | undefined;
  let passagesTimer: number | undefined;
  /** The page's theme, read when the first controls are made and again when the page switches it. */
  let theme: Theme | undefined;
  const highlights = createHighlights();
  /** The response the keyboard moved to, if any. */
  let current: Element | undefined;
  /** Whether the user audits; asked once, and the page is read for audit only if so. */
  let auditing: Promise<boolean> | undefined;

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
    const { roles, positions } = variants.layout(turns);
    const groupAt = new Map<number, number>();
    for (const group of responseGroups(roles)) for (const p of group) groupAt.set(p, group.length);
    for (const [el, controls] of attached) {
      if (!el.isConnected) {
        controls.remove();
        attached.delete(el);
      }
    }
    let unsettled = false;
    const added: Element[] = [];
    turns.forEach((turn, i) => {
      if (turn.role !== 'assistant' || turn.shown === false) return;
      let controls = attached.get(turn.el);
      if (!controls) {
        if (!isSettled(turn)) {
          unsettled = true;
          return;
        }
        controls = createControls(turn.el, actionsFor(turn.el));
        theme ??= pageTheme(turn.el);
        controls.setTheme(theme);
        attached.set(turn.el, controls);
        added.push(turn.el);
        // A variant of a paged response is read once, when it has settled, to be ranked later.
        const [read] = turn.slot ? readTurns(adapter, [turn]) : [];
        if (read) variants.remember(turns, i, read);
      }
      controls.place();
      controls.setGroupSize(groupAt.get(positions[i] ?? -1) ?? 1);
    });
    afterLoad = true;
    if (unsettled) schedule(QUIET_MS);
    if (added.length) {
      build(added);
      scheduleAudit();
      schedulePassages();
    }
  }

  /** Builds the controls of the responses in view now, and queues the rest. */
  function build(responses: Element[]): void {
    const { inView, later } = inViewFirst(
      responses.length,
      (i) => (responses[i] as Element).getBoundingClientRect(),
      window.innerHeight,
    );
    for (const i of inView) attached.get(responses[i] as Element)?.build();
    // The newest responses' controls come before those left from earlier scans.
    for (const i of later.reverse()) unbuilt.push(responses[i] as Element);
    if (unbuilt.length && !building) buildAfterFrame();
  }

  /**
   * Builds queued controls for a slice of time just after the next frame is
   * drawn (a frame callback runs before drawing; a timer set in it, after),
   * and again after each frame until none are left. A hidden tab draws no
   * frames, so its controls wait until it is shown.
   */
  function buildAfterFrame(): void {
    building = true;
    ctx.requestAnimationFrame(() =>
      ctx.setTimeout(() => {
        const until = performance.now() + BUILD_SLICE_MS;
        while (unbuilt.length && performance.now() < until) attached.get(unbuilt.pop() as Element)?.build();
        if (unbuilt.length) buildAfterFrame();
        else building = false;
      }, 0),
    );
  }

  function schedulePassages(): void {
    if (passagesTimer !== undefined) clearTimeout(passagesTimer);
    passagesTimer = ctx.setTimeout(() => {
      passagesTimer = undefined;
      showPassages().catch(() => {});
    }, PASSAGES_MS);
  }

  /**
   * Highlights the reviewer's passage comments over the responses they are in,
   * each found again in the response's text as the page shows it now; one not
   * found is named under its response, never dropped silently.
   */
  async function showPassages(): Promise<void> {
    const passages = await sendToBackground({ type: 'page.passages', url: location.href });
    const shown: Highlight[] = [];
    const lost = new Map<Element, string[]>();
    if (passages.length) {
      // Each response known as its capture knows it: by id, else by its text, read only for that response.
      const byTurn = new Map<string, Element>();
      for (const turn of adapter.findTurns(document)) {
        if (attached.has(turn.el)) byTurn.set(turn.messageId ?? turnKey(readTurns(adapter, [turn])[0]), turn.el);
      }
      for (const { turn, quote, category } of passages) {
        const el = byTurn.get(turn);
        if (!el) continue;
        const anchor = anchorPassage(el.textContent ?? '', { quote });
        const range = anchor && rangeFromOffsets(el, anchor.start, anchor.end);
        if (range) shown.push({ range, category });
        else lost.set(el, [...(lost.get(el) ?? []), quote.exact]);
      }
    }
    highlights.show(shown);
    for (const [el, controls] of attached) controls.setLost(lost.get(el) ?? []);
  }

  function scheduleAudit(): void {
    if (auditTimer !== undefined) clearTimeout(auditTimer);
    auditTimer = ctx.setTimeout(() => {
      auditTimer = undefined;
      showTeamReviews().catch(() => {});
    }, AUDIT_MS);
  }

  /** For a lead: each response's reviews by the team, in a line under it. */
  async function showTeamReviews(): Promise<void> {
    auditing ??= sendToBackground({ type: 'page.auditing' }).catch(() => false);
    if (!(await auditing)) return;
    const page = readPage();
    const turns = page.read
      .slice(0, LIMITS.turns)
      .map((t) => ({ ...(t.messageId ? { messageId: t.messageId } : {}), text: t.text }));
    const summaries = await sendToBackground({ type: 'page.reviews', url: location.href, turns });
    for (const [el, controls] of attached) {
      if (el.isConnected) controls.setAudit(summaries[page.positionOf(el)] ?? null);
    }
  }

  function schedule(delay: number): void {
    if (timer === undefined) timer = ctx.setTimeout(scan, delay);
  }

  /**
   * The page read at the moment of an action (so the capture has the text as
   * it is now), with the remembered variants of paged responses in place.
   */
  function readPage() {
    const turns = adapter.findTurns(document);
    const { positions } = variants.layout(turns);
    const read = variants.expand(turns, readTurns(adapter, turns));
    const positionOf = (el: Element): number => {
      const i = turns.findIndex((t) => t.el === el);
      if (i < 0) throw new Error(i18n.t('controls.errors.gone'));
      return positions[i] ?? i;
    };
    const capture = (targets: number[]) =>
      buildCapture(read, targets, { site: adapter.id, url: location.href, title: document.title }, new Date());
    return { read, positionOf, capture };
  }

  function captureOf(el: Element): { capture: Capture; turn: number } {
    const page = readPage();
    const { capture, targets } = page.capture([page.positionOf(el)]);
    return { capture, turn: targets[0] ?? 0 };
  }

  /** The capture for ranking the responses to the prompt `el` answers. */
  function groupCaptureOf(el: Element): { capture: Capture; turns: number[] } {
    const page = readPage();
    const at = page.positionOf(el);
    const group = responseGroups(page.read.map((t) => t.role)).find((g) => g.includes(at)) ?? [at];
    const { capture, targets } = page.capture(group);
    return { capture, turns: targets };
  }

  /**
   * Opens the panel on what `read` reads off the page. The frame is made
   * first, so that it loads while the page is read and while the worker
   * stores what it reviews (see background/sessions).
   */
  async function openPanel(read: () => { capture: Capture; focus: PageFocus }): Promise<void> {
    const sessionId = randomUuid();
    panel.open(sessionId);
    try {
      await sendToBackground({ type: 'panel.open', sessionId, ...read() });
    } catch (error) {
      // Another panel opened meanwhile stays.
      panel.close(sessionId);
      throw error;
    }
  }

  /** The panel on the response `el`, its review form first. */
  function openOnResponse(el: Element, passage?: TextQuote): Promise<void> {
    return openPanel(() => {
      const { capture, turn } = captureOf(el);
      return { capture, focus: { kind: 'response', turn, start: 'review', ...(passage ? { passage } : {}) } };
    });
  }

  function actionsFor(el: Element) {
    return {
      /** Queued, or held for a look in the review panel (opened) because it may identify a patient. */
      async approve(): Promise<'queued' | 'held'> {
        const { capture, turn } = captureOf(el);
        const reply = await sendToBackground({ type: 'review.approve', capture, turn });
        if (reply.status === 'held') {
          await openPanel(() => ({ capture, focus: { kind: 'response', turn, start: 'review' } }));
        }
        return reply.status;
      },
      improve: () => openOnResponse(el),
      rank: () =>
        openPanel(() => {
          const { capture, turns } = groupCaptureOf(el);
          return { capture, focus: { kind: 'rank', turns } };
        }),
      audit: () =>
        openPanel(() => {
          const { capture, turn } = captureOf(el);
          return { capture, focus: { kind: 'audit', turn } };
        }),
      async comment() {
        // Quoted from the text on the page; the panel finds the quote again in the captured text.
        const range = selectionIn(el);
        const offsets = range && offsetsOfRange(el, range);
        const passage = offsets && describePassage(el.textContent ?? '', offsets.start, offsets.end);
        if (!passage) throw new Error(i18n.t('controls.errors.selectWords'));
        await openOnResponse(el, passage.quote);
      },
    };
  }

  /** The selection, if it lies (at least partly) in `el`. */
  function selectionIn(el: Element): Range | undefined {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
    const range = selection.getRangeAt(0);
    return el.contains(range.startContainer) || el.contains(range.endContainer) ? range : undefined;
  }

  /** The response with controls that holds `node`, walking up (never over every response). */
  function responseOf(node: Node | null): Element | undefined {
    for (let at = node instanceof Element ? node : (node?.parentElement ?? null); at; at = at.parentElement) {
      if (attached.has(at)) return at;
    }
    return undefined;
  }

  /** Only the response holding the selection shows "Comment". */
  let selected: Element | undefined;
  function onSelectionChange(): void {
    const selection = document.getSelection();
    const next =
      selection && !selection.isCollapsed && selection.rangeCount > 0 ? responseOf(selection.anchorNode) : undefined;
    if (next === selected) return;
    if (selected) attached.get(selected)?.setSelected(false);
    if (next) attached.get(next)?.setSelected(true);
    selected = next;
  }

  /** The newest response on show, and whether it has finished (has its controls). */
  function newest(): { el: Element | undefined; finished: boolean } {
    const el = adapter.findTurns(document).findLast((t) => t.role === 'assistant' && t.shown !== false)?.el;
    return { el, finished: el !== undefined && attached.has(el) };
  }

  function currentOrNewest(): Element {
    return current?.isConnected && attached.has(current) ? current : finishedNewest();
  }

  function finishedNewest(): Element {
    const { el, finished } = newest();
    // No response at all: as the popup says it, the layout is not one the adapter knows.
    if (!el) throw new Error(i18n.t('controls.errors.notRecognized'));
    if (!finished) throw new Error(i18n.t('controls.errors.notFinished'));
    return el;
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
    highlights.remove();
    panel.close();
  });
  ctx.addEventListener(window, 'wxt:locationchange', () => schedule(SCAN_MS));
  ctx.addEventListener(document, 'selectionchange', onSelectionChange);
  // Chat apps switch theme by a class or attribute on <html> or <body>, or follow the system's.
  const retheme = () => {
    const first = attached.keys().next().value;
    if (!first) return;
    theme = pageTheme(first);
    for (const controls of attached.values()) controls.setTheme(theme);
  };
  const themeObserver = new MutationObserver(retheme);
  for (const el of [document.documentElement, document.body]) {
    if (el) themeObserver.observe(el, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
  }
  const system = matchMedia('(prefers-color-scheme: dark)');
  system.addEventListener('change', retheme);
  ctx.onInvalidated(() => {
    themeObserver.disconnect();
    system.removeEventListener('change', retheme);
  });
  scan();

  return {
    latest() {
      const { el, finished } = newest();
      if (!el || !finished) return { status: 'none', page: status() };
      return { status: 'ready', page: status(), ...captureOf(el) };
    },
    async reviewSelection() {
      const text = selectedText(adapter.noise);
      if (!text) throw new Error(i18n.t('controls.errors.selectResponse'));
      const page = { site: 'selection', url: location.href, title: document.title };
      await openPanel(() => ({
        capture: buildCapture([{ role: 'assistant', text }], [0], page, new Date()).capture,
        focus: { kind: 'response', turn: 0, start: 'review' },
      }));
    },
    showPassages,
    async openLatest() {
      await actionsFor(finishedNewest()).improve();
    },
    move(by) {
      const order = adapter
        .findTurns(document)
        .filter((t) => t.role === 'assistant' && t.shown !== false && attached.has(t.el))
        .map((t) => t.el);
      const at = current ? order.indexOf(current) : -1;
      const next =
        at < 0 ? (by > 0 ? order[0] : order.at(-1)) : order[Math.min(order.length - 1, Math.max(0, at + by))];
      if (!next) {
        throw new Error(newest().el ? i18n.t('controls.errors.noneFinished') : i18n.t('controls.errors.notRecognized'));
      }
      current = next;
      attached.get(next)?.focus();
    },
    async approveCurrent() {
      await attached.get(currentOrNewest())?.approve();
    },
    async openCurrent() {
      await actionsFor(currentOrNewest()).improve();
    },
  };
}
