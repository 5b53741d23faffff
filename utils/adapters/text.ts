/**
 * Reads the text of a rendered message the way a reader sees it, as light
 * markdown: paragraphs, headings, lists, code blocks with their language,
 * tables and quotes. What a reader does not see as content is left out:
 * screen-reader-only labels ("ChatGPT said:"), buttons and their captions,
 * hidden and aria-hidden parts, scripts, styles, images and SVG.
 *
 * Pure DOM reading (no layout, no globals), so it runs on a live page, on a
 * saved page in Node, and in unit tests alike.
 */

const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'BUTTON',
  'INPUT',
  'TEXTAREA',
  'SELECT',
  'IMG',
  'VIDEO',
  'AUDIO',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'HEAD',
  'TITLE',
]);

/** Class names that hide content from sighted readers, across common CSS kits. */
const HIDDEN_CLASSES = ['sr-only', 'visually-hidden', 'screen-reader-only', 'a11y-hidden', 'cdk-visually-hidden'];

/** Elements this extension puts into pages carry this attribute, so reading never picks them up. */
export const OWN_ELEMENT_ATTRIBUTE = 'data-attending-ui';

const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'NAV',
  'FIGURE',
  'FIGCAPTION',
  'DETAILS',
  'SUMMARY',
  'DL',
  'DT',
  'DD',
  'ADDRESS',
  'FORM',
  'FIELDSET',
  'CENTER',
]);

/** Collapses runs of whitespace the way HTML rendering does outside <pre>. */
function inlineText(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ');
}

function codeLanguage(pre: Element): string {
  const candidates = [pre, ...Array.from(pre.querySelectorAll('code'))];
  for (const el of candidates) {
    const fromAttr = el.getAttribute('data-language') ?? el.getAttribute('data-lang');
    if (fromAttr) return fromAttr.trim();
    for (const cls of Array.from(el.classList)) {
      const m = /^(?:language|lang)-(.+)$/.exec(cls);
      if (m?.[1]) return m[1];
    }
  }
  return '';
}

function tableText(table: Element, render: (el: Element) => string): string {
  const rows = Array.from(table.querySelectorAll('tr')).filter((tr) => tr.closest('table') === table);
  const cells = rows.map((tr) =>
    Array.from(tr.children)
      .filter((c) => /^(TD|TH)$/i.test(c.tagName))
      .map((c) => render(c).replace(/\n+/g, ' ').replace(/\|/g, '\\|').trim()),
  );
  if (cells.length === 0) return '';
  const width = Math.max(...cells.map((r) => r.length));
  const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => r[i] ?? '').join(' | ')} |`;
  const [head = [], ...body] = cells;
  return [line(head), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
}

class Writer {
  private blocks: string[] = [];
  private current = '';

  /** Blocks of a list item are joined by a single line break, the rest by a blank line. */
  constructor(private readonly separator = '\n\n') {}

  text(t: string): void {
    this.current += t;
  }

  /** Ends the current block of inline text. */
  flush(): void {
    const text = this.current
      .replace(/ *\n */g, '\n')
      .replace(/[ \t]+/g, ' ')
      .trim();
    if (text) this.blocks.push(text);
    this.current = '';
  }

  block(text: string): void {
    this.flush();
    if (text.trim()) this.blocks.push(text);
  }

  result(): string {
    this.flush();
    return this.blocks.join(this.separator);
  }
}

/**
 * Reads with one set of exclusions: the built-in ones plus a site's `noise`
 * (a CSS selector list of subtrees that are not part of a message's text, such
 * as citation pills or a reasoning block shown apart from the answer).
 */
class TextReader {
  constructor(private readonly noise: string | undefined) {}

  isSkipped(el: Element): boolean {
    if (SKIP_TAGS.has(el.tagName.toUpperCase())) return true;
    if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
    if (el.hasAttribute(OWN_ELEMENT_ATTRIBUTE)) return true;
    const role = el.getAttribute('role');
    if (role === 'button' || role === 'toolbar' || role === 'menu' || role === 'tooltip') return true;
    const classList = el.classList;
    if (HIDDEN_CLASSES.some((name) => classList.contains(name))) return true;
    return this.noise !== undefined && el.matches(this.noise);
  }

  text(el: Element): string {
    const writer = new Writer();
    this.renderInto(el, writer, 0);
    return writer.result();
  }

  /** The raw text of a code block, keeping its line breaks, without headers or copy buttons. */
  private preText(el: Element): string {
    const code = el.querySelector('code') ?? el;
    let out = '';
    const walk = (node: Node) => {
      if (node.nodeType === 3) out += node.nodeValue ?? '';
      else if (node.nodeType === 1) {
        const child = node as Element;
        if (child.tagName.toUpperCase() === 'BR') out += '\n';
        else if (!this.isSkipped(child)) child.childNodes.forEach(walk);
      }
    };
    walk(code);
    return out.replace(/\n+$/, '');
  }

  private renderInto(root: Element, writer: Writer, listDepth: number): void {
    for (const node of Array.from(root.childNodes)) {
      if (node.nodeType === 3) {
        writer.text(inlineText(node.nodeValue ?? ''));
        continue;
      }
      if (node.nodeType !== 1) continue;
      const el = node as Element;
      if (this.isSkipped(el)) continue;
      const tag = el.tagName.toUpperCase();
      const heading = /^H([1-6])$/.exec(tag);
      if (heading) {
        writer.block(`${'#'.repeat(Number(heading[1]))} ${this.text(el).replace(/\n+/g, ' ')}`);
      } else if (tag === 'PRE') {
        writer.block(`\`\`\`${codeLanguage(el)}\n${this.preText(el)}\n\`\`\``);
      } else if (tag === 'UL' || tag === 'OL') {
        writer.block(this.listText(el, listDepth));
      } else if (tag === 'TABLE') {
        writer.block(tableText(el, (cell) => this.text(cell)));
      } else if (tag === 'BLOCKQUOTE') {
        writer.block(
          this.text(el)
            .split('\n')
            .map((l) => (l ? `> ${l}` : '>'))
            .join('\n'),
        );
      } else if (tag === 'HR') {
        writer.block('---');
      } else if (tag === 'BR') {
        writer.text('\n');
      } else if (tag === 'CODE') {
        writer.text(`\`${el.textContent ?? ''}\``);
      } else if (tag === 'STRONG' || tag === 'B') {
        writer.text(this.wrapInline(el, '**'));
      } else if (tag === 'EM' || tag === 'I') {
        writer.text(this.wrapInline(el, '*'));
      } else if (BLOCK_TAGS.has(tag) || tag === 'LI') {
        writer.flush();
        this.renderInto(el, writer, listDepth);
        writer.flush();
      } else {
        this.renderInto(el, writer, listDepth);
      }
    }
  }

  private wrapInline(el: Element, mark: string): string {
    const inner = this.text(el).replace(/\n+/g, ' ');
    return inner ? `${mark}${inner}${mark}` : '';
  }

  private listText(list: Element, depth: number): string {
    const ordered = list.tagName.toUpperCase() === 'OL';
    let n = Number(list.getAttribute('start') ?? 1) || 1;
    const indent = '   '.repeat(depth);
    const lines: string[] = [];
    for (const item of Array.from(list.children)) {
      if (item.tagName.toUpperCase() !== 'LI' || this.isSkipped(item)) continue;
      const marker = ordered ? `${n++}. ` : '- ';
      const writer = new Writer('\n');
      this.renderInto(item, writer, depth + 1);
      const [first = '', ...rest] = writer.result().split('\n');
      lines.push(indent + marker + first);
      // Nested lists come indented already; other continuation lines align under the marker.
      const nested = '   '.repeat(depth + 1);
      for (const line of rest) lines.push(line === '' || line.startsWith(nested) ? line : nested + line);
    }
    return lines.join('\n');
  }
}

/**
 * The readable text of an element, as light markdown; `noise` is a CSS
 * selector list of subtrees to leave out on top of the built-in ones.
 */
export function elementText(el: Element, noise?: string): string {
  return new TextReader(noise)
    .text(el)
    .replaceAll('\u0000', '')
    .replace(/\n{3,}/g, '\n\n');
}
