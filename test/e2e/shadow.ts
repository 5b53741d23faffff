/**
 * The in-page controls live in closed shadow roots, which Playwright's
 * locators cannot enter (nor can the page's scripts). The tests read them
 * through the DevTools protocol's DOM tree with shadow roots pierced, and click
 * them with the real mouse, so the clicks are trusted like a user's.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

interface CdpNode {
  nodeId: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

/** One response's controls, as the reviewer sees them. */
export interface PageControls {
  /** `data-message-id` of the response the controls follow. */
  messageId: string | undefined;
  buttons: { label: string; nodeId: number }[];
  status: string;
  /** For a lead: the team's reviews of the response, in a line. */
  reviews: string;
}

function attribute(node: CdpNode, name: string): string | undefined {
  const attrs = node.attributes ?? [];
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
  return undefined;
}

function text(node: CdpNode): string {
  return (node.nodeValue ?? '') + (node.children ?? []).map(text).join('');
}

function descendants(node: CdpNode): CdpNode[] {
  const inside = [...(node.children ?? []), ...(node.shadowRoots ?? [])];
  return inside.flatMap((n) => [n, ...descendants(n)]);
}

function readControls(host: CdpNode, response: CdpNode | undefined): PageControls {
  const inside = (host.shadowRoots ?? []).flatMap(descendants);
  return {
    messageId: response && attribute(response, 'data-message-id'),
    buttons: inside
      .filter((n) => n.nodeName === 'BUTTON' && attribute(n, 'hidden') === undefined)
      .map((n) => ({ label: text(n).trim(), nodeId: n.nodeId })),
    status: inside
      .filter((n) => attribute(n, 'role') === 'status' || attribute(n, 'class') === 'lost')
      .map(text)
      .join(''),
    reviews: inside
      .filter((n) => attribute(n, 'class') === 'reviews')
      .map(text)
      .join(''),
  };
}

/** Once the page has drawn a frame after this. */
async function nextFrame(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))));
}

async function withDocument<T>(
  page: Page,
  use: (root: CdpNode, send: (method: string, params: object) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    return await use(root, (method, params) => cdp.send(method as 'DOM.getDocument', params));
  } finally {
    await cdp.detach();
  }
}

/** Every controls host in the page, with the response it follows (the element just before it). */
function controlHosts(root: CdpNode): { host: CdpNode; response: CdpNode | undefined }[] {
  return [root, ...descendants(root)].flatMap((node) => {
    const children = node.children ?? [];
    return children.flatMap((child, i) =>
      child.nodeName === 'ATTENDING-CONTROLS'
        ? [{ host: child, response: children.slice(0, i).findLast((c) => c.nodeName !== '#text') }]
        : [],
    );
  });
}

function findControls(root: CdpNode): PageControls[] {
  return controlHosts(root).map(({ host, response }) => readControls(host, response));
}

export function pageControls(page: Page): Promise<PageControls[]> {
  return withDocument(page, async (root) => findControls(root));
}

/** Where the control `label` of the response `messageId` is drawn (scrolled into view), and its computed style. */
export function controlBox(
  page: Page,
  messageId: string,
  label: string | RegExp,
): Promise<{ x: number; y: number; width: number; height: number; style: Record<string, string> }> {
  return withDocument(page, async (root, send) => {
    const controls = findControls(root);
    const button = controls
      .find((c) => c.messageId === messageId)
      ?.buttons.find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
    if (!button) throw new Error(`No control ${label} on response ${messageId}: ${JSON.stringify(controls)}`);
    await send('DOM.scrollIntoViewIfNeeded', { nodeId: button.nodeId });
    // Controls off screen are not laid out (content-visibility: auto): their place is known once a frame is drawn.
    await nextFrame(page);
    const { model } = (await send('DOM.getBoxModel', { nodeId: button.nodeId })) as { model: { border: number[] } };
    const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.border;
    await send('DOM.enable', {});
    await send('CSS.enable', {});
    const { computedStyle } = (await send('CSS.getComputedStyleForNode', { nodeId: button.nodeId })) as {
      computedStyle: { name: string; value: string }[];
    };
    const style = Object.fromEntries(computedStyle.map((p) => [p.name, p.value]));
    return { x: x1, y: y1, width: x3 - x1, height: y3 - y1, style };
  });
}

/**
 * Whether the browser renders the controls of the response `messageId` now:
 * false while they are off screen and skipped (content-visibility: auto).
 */
export async function controlsRendered(page: Page, messageId: string): Promise<boolean> {
  await nextFrame(page);
  return withDocument(page, async (root, send) => {
    const button = findControls(root).find((c) => c.messageId === messageId)?.buttons[0];
    if (!button) throw new Error(`No controls on response ${messageId}`);
    const { object } = (await send('DOM.resolveNode', { nodeId: button.nodeId })) as { object: { objectId: string } };
    const { result } = (await send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: 'function () { return this.checkVisibility({ contentVisibilityAuto: true }); }',
      returnByValue: true,
    })) as { result: { value: boolean } };
    return result.value;
  });
}

/**
 * axe-core, like the page, cannot see into the controls' closed shadow root.
 * This lays a copy of the controls of the response `messageId` beside them, in
 * an open shadow root: the same elements, style and theme, on the same page;
 * returns a selector of the copy.
 */
function copyControlsOpen(page: Page, messageId: string): Promise<string> {
  return withDocument(page, async (root, send) => {
    const host = controlHosts(root).find(
      ({ response }) => response && attribute(response, 'data-message-id') === messageId,
    )?.host;
    const shadow = host?.shadowRoots?.[0];
    if (!host || !shadow) throw new Error(`No controls on response ${messageId}`);
    const resolve = async (nodeId: number) =>
      ((await send('DOM.resolveNode', { nodeId })) as { object: { objectId: string } }).object.objectId;
    await send('Runtime.callFunctionOn', {
      objectId: await resolve(shadow.nodeId),
      arguments: [{ objectId: await resolve(host.nodeId) }, { value: messageId }],
      functionDeclaration: `function (host, messageId) {
        const copy = document.createElement('attending-controls-copy');
        for (const { name, value } of host.attributes) copy.setAttribute(name, value);
        copy.setAttribute('data-copy-of', messageId);
        const open = copy.attachShadow({ mode: 'open' });
        for (const child of this.childNodes) open.append(child.cloneNode(true));
        host.after(copy);
        // On screen, so that it is drawn (content-visibility: auto) and its colours can be checked.
        copy.scrollIntoView({ block: 'center' });
      }`,
    });
    await nextFrame(page);
    return `[data-copy-of="${messageId}"]`;
  });
}

/** What axe-core finds wrong with the controls of the response `messageId`, as they are now (see copyControlsOpen). */
export async function controlsAxeViolations(
  page: Page,
  messageId: string,
): Promise<Awaited<ReturnType<AxeBuilder['analyze']>>['violations']> {
  const copy = await copyControlsOpen(page, messageId);
  try {
    return (await new AxeBuilder({ page }).include(copy).analyze()).violations;
  } finally {
    await page.locator(copy).evaluate((el) => el.remove());
  }
}

/** Clicks the control `label` of the response `messageId` with the mouse. */
export async function clickControl(page: Page, messageId: string, label: string | RegExp): Promise<void> {
  const box = await controlBox(page, messageId, label);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

export async function controlStatus(page: Page, messageId: string): Promise<string> {
  return (await pageControls(page)).find((c) => c.messageId === messageId)?.status ?? '';
}

/** What the line at the bottom of the page says about a keyboard command that did nothing ('' when none is shown). */
export function pageNotice(page: Page): Promise<string> {
  return withDocument(page, async (root) =>
    [root, ...descendants(root)]
      .filter((n) => n.nodeName === 'ATTENDING-NOTICE')
      .flatMap((n) => (n.shadowRoots ?? []).flatMap(descendants))
      .filter((n) => attribute(n, 'role') === 'alert')
      .map(text)
      .join(''),
  );
}

/** The kinds of the passage highlights drawn over the page (one per line box), in drawing order. */
export function pageHighlights(page: Page): Promise<string[]> {
  return withDocument(page, async (root) =>
    [root, ...descendants(root)]
      .filter((n) => n.nodeName === 'ATTENDING-HIGHLIGHTS')
      .flatMap((host) => (host.shadowRoots ?? []).flatMap(descendants))
      .flatMap((n) => (attribute(n, 'class') ?? '').match(/^box (\w+)$/)?.slice(1) ?? []),
  );
}
