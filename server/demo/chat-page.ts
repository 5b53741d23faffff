/**
 * The demo chat page (`/demo/chat`): a chat layout marked up the way common
 * chat UIs mark theirs (`data-message-author-role`, a model slug, a
 * screen-reader label inside each turn), with a long numbered chain of thought,
 * two regenerated variants shown side by side, and a last response that streams
 * in word by word after load (`aria-busy` while it streams).
 *
 * Query parameters, for tests and benchmarks: `tokenMs` (delay between streamed
 * words, default 60) and `startMs` (delay before streaming starts, default 1200).
 */
import { marked } from 'marked';
import { type DemoTurn, demoConversation } from './conversation';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** JSON inside a <script> element: `<` escaped so the text cannot close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function message(id: string, role: DemoTurn['role'], html: string, model?: string, streaming = false): string {
  const attrs = [
    `data-message-author-role="${role}"`,
    `data-message-id="${escapeHtml(id)}"`,
    model ? `data-message-model-slug="${escapeHtml(model)}"` : '',
    streaming ? 'aria-busy="true" data-is-streaming="true"' : '',
  ].join(' ');
  const label = role === 'user' ? 'You said:' : 'The model said:';
  return `<div class="message ${role}" ${attrs}><h6 class="sr-only">${label}</h6><div class="markdown">${html}</div></div>`;
}

function renderTurn(turn: DemoTurn, index: number, streamed: boolean): string {
  let body: string;
  if (turn.variants && turn.variants.length > 1) {
    const columns = turn.variants
      .map(
        (v, i) =>
          `<div class="variant"><p class="variant-label">Response ${i + 1}</p>${message(v.id, 'assistant', marked.parse(v.content, { async: false }), v.model)}</div>`,
      )
      .join('');
    body = `<section class="compare" aria-label="Compare responses"><p class="compare-title">Which response do you prefer?</p><div class="compare-columns">${columns}</div></section>`;
  } else if (streamed) {
    body = message(turn.id, turn.role, '', turn.model, true);
  } else {
    body = message(turn.id, turn.role, marked.parse(turn.content, { async: false }), turn.model);
  }
  return `<article class="turn" data-testid="conversation-turn-${index + 1}">${body}</article>`;
}

const STYLE = `
  :root { color-scheme: light dark; font: 15px/1.55 system-ui, sans-serif; }
  body { margin: 0; background: Canvas; color: CanvasText; }
  header { position: sticky; top: 0; padding: 12px 24px; border-bottom: 1px solid #8884; background: Canvas; font-weight: 600; }
  main { max-width: 860px; margin: 0 auto; padding: 16px 24px 120px; }
  .turn { margin: 20px 0; }
  .message.user { margin-left: auto; max-width: 75%; background: #8882; border-radius: 16px; padding: 4px 16px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); margin: -1px; }
  .compare-title { font-weight: 600; }
  .compare-columns { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
  .variant { border: 1px solid #8886; border-radius: 12px; padding: 0 12px; min-width: 0; }
  .variant-label { font-size: 13px; opacity: .7; }
  table { border-collapse: collapse; font-size: 13px; } td, th { border: 1px solid #8886; padding: 4px 6px; }
  pre { background: #8882; padding: 12px; overflow-x: auto; border-radius: 8px; }
`;

const STREAM_SCRIPT = `
(() => {
  const params = new URLSearchParams(location.search);
  const tokenMs = Number(params.get('tokenMs') ?? 60);
  const startMs = Number(params.get('startMs') ?? 1200);
  const { id, text, html } = JSON.parse(document.getElementById('stream-data').textContent);
  const node = document.querySelector('[data-message-id="' + id + '"]');
  const target = node.querySelector('.markdown');
  const words = text.split(/(?<=\\s)/);
  let i = 0;
  function tick() {
    if (i < words.length) {
      target.textContent += words[i++];
      setTimeout(tick, tokenMs);
    } else {
      target.innerHTML = html;
      node.removeAttribute('aria-busy');
      node.removeAttribute('data-is-streaming');
    }
  }
  setTimeout(tick, startMs);
})();
`;

export function renderDemoChat(): string {
  const { turns, title } = demoConversation;
  const streamed = turns.length - 1; // the last response streams in
  const last = turns[streamed];
  const data = last && {
    id: last.id,
    text: last.content,
    html: marked.parse(last.content, { async: false }),
  };
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Demo chat</title><style>${STYLE}</style></head>
<body>
<header>Demo chat · ${escapeHtml(title)} <small>(synthetic case, not medical advice)</small></header>
<main>${turns.map((t, i) => renderTurn(t, i, i === streamed)).join('\n')}</main>
<script type="application/json" id="stream-data">${scriptJson(data)}</script>
<script>${STREAM_SCRIPT}</script>
</body>
</html>`;
}
