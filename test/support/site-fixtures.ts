/**
 * Saved chat pages and what the adapters must read from them. Each
 * `test/fixtures/sites/<site>/<name>.html` has a `<name>.json` beside it
 * (format: `SiteExpectation`). Shared by the unit test, which reads the pages
 * in Node, and the e2e test, which serves them at their real origins.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const ExpectedTurn = z.strictObject({
  role: z.enum(['user', 'assistant']),
  /** The turn's text starts with this … */
  start: z.string().min(1),
  /** … and ends with this. */
  end: z.string().min(1).optional(),
  messageId: z.string().optional(),
  model: z.string().optional(),
  /** The reasoning the page shows apart from the answer (its start), or false for none. */
  reasoning: z.union([z.literal(false), z.strictObject({ start: z.string().min(1) })]).optional(),
  /** False for an alternative the page holds but does not show. */
  shown: z.boolean().optional(),
});

const SiteExpectation = z.strictObject({
  /** Where the page comes from: "repo @ commit : path, licence", or "hand-made: why". */
  source: z.string().min(1),
  /** The address it was saved from; it chooses the adapter, and e2e serves the page there. */
  url: z.url(),
  adapter: z.string(),
  turns: z.array(ExpectedTurn),
  /** The groups of responses to one prompt (indexes into `turns`), when not every response stands alone. */
  groups: z.array(z.array(z.int())).optional(),
  /** Text that must appear in no turn (screen-reader labels, button captions, reasoning headers). */
  never: z.array(z.string()).optional(),
});
type SiteExpectation = z.infer<typeof SiteExpectation>;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/sites');

export interface SiteFixture {
  name: string;
  html: string;
  expected: SiteExpectation;
}

export function siteFixtures(): SiteFixture[] {
  return readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.json$/, ''),
      html: readFileSync(join(ROOT, file.replace(/\.json$/, '.html')), 'utf8'),
      expected: SiteExpectation.parse(JSON.parse(readFileSync(join(ROOT, file), 'utf8'))),
    }));
}
