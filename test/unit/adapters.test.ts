// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderDemoChat } from '../../server/demo/chat-page';
import { demoConversation } from '../../server/demo/conversation';
import { buildCapture, readTurns, responseGroups } from '../../utils/adapters/capture';
import { genericAdapter } from '../../utils/adapters/generic';
import { savedPageForReading } from '../../utils/adapters/saved-page';
import { elementText, OWN_ELEMENT_ATTRIBUTE } from '../../utils/adapters/text';
import { Capture } from '../../utils/schema/capture';
import { LIMITS } from '../../utils/schema/limits';

function load(html: string): void {
  document.documentElement.innerHTML = savedPageForReading(html);
}

function fixture(path: string): string {
  return readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/sites', path), 'utf8');
}

function html(markup: string): Element {
  const div = document.createElement('div');
  div.innerHTML = markup;
  return div;
}

/** Markdown compared up to what rendering does not keep: blank lines and table rule style. */
function normalise(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^\|[\s|:-]+\|$/.test(line))
    .join('\n');
}

describe('elementText', () => {
  it('leaves out what a reader does not see as content', () => {
    const el = html(`
      <h6 class="sr-only">ChatGPT said:</h6>
      <p>Start <span aria-hidden="true">(icon)</span>norepinephrine.</p>
      <div hidden>hidden draft</div>
      <button>Copy</button><div role="toolbar"><span>Retry</span></div>
      <script>alert(1)</script><style>p{}</style><svg><text>chart</text></svg>
      <div ${OWN_ELEMENT_ATTRIBUTE}>Approve Improve</div>`);
    expect(elementText(el)).toBe('Start norepinephrine.');
  });

  it('keeps structure as light markdown', () => {
    const el = html(`
      <h2>Plan</h2>
      <ol start="3"><li>Fluids<ul><li>30 mL/kg</li></ul></li><li>Antibiotics</li></ol>
      <pre><div>python</div><code class="language-python">dose = 30 * 70\nprint(dose)\n</code></pre>
      <table><thead><tr><th>Drug</th><th>Dose</th></tr></thead><tbody><tr><td>NE</td><td>0.05 | titrate</td></tr></tbody></table>
      <blockquote><p>Quoted</p></blockquote>
      <p>Use <code>MAP ≥ 65</code>, <strong>not</strong> <em>90</em>.<br>Next line.</p>`);
    expect(elementText(el)).toBe(
      [
        '## Plan',
        '3. Fluids\n   - 30 mL/kg\n4. Antibiotics',
        '```python\ndose = 30 * 70\nprint(dose)\n```',
        '| Drug | Dose |\n| --- | --- |\n| NE | 0.05 \\| titrate |',
        '> Quoted',
        'Use `MAP ≥ 65`, **not** *90*.\nNext line.',
      ].join('\n\n'),
    );
  });

  it('drops NUL characters, which no database text column can hold', () => {
    expect(elementText(html('<p>a\u0000b</p>'))).toBe('ab');
  });
});

describe('generic adapter on the demo chat page', () => {
  beforeEach(() => load(renderDemoChat()));

  it('finds every turn in page order, with ids, models and the streaming response', () => {
    const turns = genericAdapter.findTurns(document);
    expect(turns.map((t) => [t.role, t.messageId, t.model])).toEqual([
      ['user', 't1', undefined],
      ['assistant', 't2', 'model-alpha'],
      ['user', 't3', undefined],
      ['assistant', 't4-v1', 'model-alpha'],
      ['assistant', 't4-v2', 'model-beta'],
      ['user', 't5', undefined],
      ['assistant', 't6', 'model-alpha'],
    ]);
    expect(turns.map((t) => genericAdapter.isStreaming(t))).toEqual([false, false, false, false, false, false, true]);
  });

  it('reads each response back as the markdown it was rendered from', () => {
    const turns = readTurns(genericAdapter, genericAdapter.findTurns(document));
    const [t1, t2, t3, t4] = demoConversation.turns;
    const sources = [t1?.content, t2?.content, t3?.content, ...(t4?.variants ?? []).map((v) => v.content)];
    sources.forEach((source, i) => {
      expect(normalise(turns[i]?.text ?? ''), `turn ${i}`).toBe(normalise(source ?? ''));
    });
    expect(turns.some((t) => /said:/.test(t.text))).toBe(false);
  });

  it('groups the two regenerated variants as responses to one prompt', () => {
    expect(responseGroups(genericAdapter.findTurns(document).map((t) => t.role))).toEqual([[1], [3, 4], [6]]);
  });
});

describe('generic adapter on saved pages', () => {
  it('reads ChatGPT (2026-03): ten turns, ids, model slug, no screen-reader labels', () => {
    load(fixture('chatgpt/2026-03_chatgpt_main_5x.html'));
    const turns = genericAdapter.findTurns(document);
    expect(turns.map((t) => t.role)).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 ? 'assistant' : 'user')));
    expect(turns.filter((t) => t.role === 'assistant').every((t) => t.model === 'gpt-5-3' && t.messageId)).toBe(true);
    const read = readTurns(genericAdapter, turns);
    expect(read[0]?.text).toBe('what model/version of chatgpt are you?');
    expect(read[1]?.text).toMatch(/^You’re talking to \*\*ChatGPT based on GPT-5\.3\*\*/);
    expect(read[9]?.text).toMatch(/Just say 👍$/);
    expect(read.some((t) => /ChatGPT said|You said/.test(t.text))).toBe(false);
  });

  it('reads a ChatGPT share page with citation pills', () => {
    load(fixture('chatgpt/2026-06_chatgpt-share_citations_trimmed_1x.html'));
    const read = readTurns(genericAdapter, genericAdapter.findTurns(document));
    expect(read.map((t) => t.role)).toEqual(['user', 'assistant']);
    expect(read[1]?.text).toMatch(/^For a bedroom air purifier/);
    expect(read[1]?.text).toMatch(/specific room\.$/);
  });

  it('finds nothing on a layout it does not know (Claude), which the popup reports', () => {
    load(fixture('claude/2026-05_claude_thread-fragment_1x_thinking.html'));
    expect(genericAdapter.findTurns(document)).toEqual([]);
  });
});

describe('buildCapture', () => {
  const page = { site: 'generic', url: 'https://chatgpt.com/c/1', title: 'Chat' };
  const now = new Date('2026-11-25T12:00:00Z');

  it('keeps the conversation up to the reviewed response, with anchors taking context from the whole page', () => {
    load(renderDemoChat());
    const turns = readTurns(genericAdapter, genericAdapter.findTurns(document));
    const { capture, targets } = buildCapture(turns, [3, 4], page, now);
    expect(Capture.safeParse(capture).success).toBe(true);
    expect(capture.turns).toHaveLength(5);
    expect(targets).toEqual([3, 4]);
    const last = capture.turns[4];
    expect(last?.anchor.exact).toBe(last?.text);
    expect(last?.anchor.prefix).toBe(`${turns[3]?.text}\n\n`.slice(-LIMITS.anchorContext));
    expect(last?.anchor.suffix).toBe(`\n\n${turns[5]?.text}`.slice(0, LIMITS.anchorContext));
    expect(capture.turns[0]?.anchor.prefix).toBe('');
  });

  it('leaves out turns without text and maps the targets', () => {
    const turns = [
      { role: 'user' as const, text: 'Q' },
      { role: 'assistant' as const, text: '' },
      { role: 'assistant' as const, text: 'A' },
    ];
    const { capture, targets } = buildCapture(turns, [2], page, now);
    expect(capture.turns.map((t) => t.text)).toEqual(['Q', 'A']);
    expect(targets).toEqual([1]);
    expect(() => buildCapture(turns, [1], page, now)).toThrow(/no text/);
  });

  it('keeps at most the last LIMITS.turns turns', () => {
    const turns = Array.from({ length: LIMITS.turns + 10 }, (_, i) => ({
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      text: `turn ${i}`,
    }));
    const { capture, targets } = buildCapture(turns, [LIMITS.turns + 9], page, now);
    expect(capture.turns).toHaveLength(LIMITS.turns);
    expect(capture.turns[0]?.text).toBe('turn 10');
    expect(targets).toEqual([LIMITS.turns - 1]);
  });
});
