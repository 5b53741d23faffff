/**
 * `npm run capture -- <saved-page.html> --url <original url>`: prints the
 * Capture JSON that the extension's adapters read from a saved page. The same
 * adapter code as in the browser, run on a DOM implementation in Node. Attach
 * the saved page and this output to a bug report when a site's layout changed.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Window } from 'happy-dom';
import { buildCapture, readTurns } from '../utils/adapters/capture';
import { adapterFor } from '../utils/adapters/registry';
import { savedPageForReading } from '../utils/adapters/saved-page';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' } } });
const [file] = positionals;
if (!file || !values.url) {
  console.error('Usage: npm run capture -- <saved-page.html> --url <the page address it was saved from>');
  process.exit(64);
}

const url = new URL(values.url);
const window = new Window({ url: url.href });
const html = savedPageForReading(readFileSync(file, 'utf8'));
const document = new window.DOMParser().parseFromString(html, 'text/html');
const adapter = adapterFor(url);
const turns = adapter.findTurns(document as unknown as ParentNode);
const read = readTurns(adapter, turns);
if (!read.some((turn) => turn.text)) {
  console.error(
    `Layout not recognized: the ${adapter.name === 'this page' ? 'generic' : adapter.name} adapter found no turns in ${file}.`,
  );
  process.exit(2);
}
const { capture } = buildCapture(
  read,
  [read.length - 1],
  { site: adapter.id, url: url.href, title: document.title },
  new Date(),
);
console.log(JSON.stringify(capture, null, 2));
await window.happyDOM.close();
