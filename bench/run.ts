/**
 * `npm run bench`: every benchmark, then one table of their figures. Timings
 * are ratios or differences against a baseline measured in the same run on
 * the same machine; absolute times from different runs are not comparable.
 * Needs the built extension (`npm run build`), Chromium and PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchAttach } from './attach';
import { benchDrain } from './drain';
import { benchExport } from './export';
import { type Figure, figureLine, figureTable } from './figure';
import { benchIdle } from './idle';
import { benchPanel } from './panel';
import { benchServer } from './server';
import { benchStreaming } from './streaming';

const CONTENT_SCRIPT_BUDGET = 30 * 1024;

function contentScriptSize(): Figure {
  const dir = '.output/chrome-mv3';
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const files: string[] = manifest.content_scripts.flatMap((c: { js?: string[] }) => c.js ?? []);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  return {
    benchmark: 'scripts injected into a chat page, gzipped',
    measured: `${(bytes / 1024).toFixed(1)} KB`,
    budget: '≤ 30 KB (a test in npm test)',
    within: bytes <= CONTENT_SCRIPT_BUDGET,
  };
}

const figures: Figure[] = [];
const report = (...some: Figure[]) => {
  for (const figure of some) console.log(figureLine(figure));
  figures.push(...some);
};

report(contentScriptSize());
report(await benchStreaming(20_000));
report(...(await benchAttach([50, 500, 5000])));
report(...(await benchIdle()));
report(...(await benchPanel()));
report(await benchDrain(10_000));
report(...(await benchExport(100_000)));
report(...(await benchServer()));
console.log(`\n${figureTable(figures)}`);
