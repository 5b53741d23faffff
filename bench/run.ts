/**
 * `npm run bench`: every benchmark, one line each. Timings are ratios or
 * differences against a baseline measured in the same run on the same
 * machine; absolute times from different runs are not comparable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchAttach } from './attach';
import { benchDrain } from './drain';
import { benchExport } from './export';
import { benchStreaming } from './streaming';

function contentScriptBytes(): string {
  const dir = '.output/chrome-mv3';
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const files: string[] = manifest.content_scripts.flatMap((c: { js?: string[] }) => c.js ?? []);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  return `content script: ${(bytes / 1024).toFixed(1)} KB gzipped (budget 30 KB)`;
}

console.log(contentScriptBytes());
for (const line of await benchAttach([50, 500])) console.log(line);
console.log(await benchStreaming(20_000));
console.log(await benchDrain(10_000));
console.log(await benchExport(100_000));
