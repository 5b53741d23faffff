/**
 * Export benchmark: N reviews in the database, exported as CSV through the
 * HTTP endpoint and read chunk by chunk. Memory: the peak growth of the live
 * heap during an export of N against an export of N/10 from the same database in
 * the same run (a ratio near 1 means memory does not grow with the export).
 * Time: against reading the same rows' bodies page by page without
 * converting them, in the same run.
 *
 *   npx tsx bench/export.ts [reviews]    (default: 100000)
 */
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createApp } from '../server/app';
import { createToken } from '../server/auth';
import { type Database, openDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { seedDemo } from '../server/demo/seed';
import type { Submission } from '../utils/schema/submission';
import { type Figure, figureLine } from './figure';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function template(): Submission {
  const answer =
    'Start norepinephrine through a peripheral line while central access is arranged; target a MAP of 65 mmHg. '.repeat(
      8,
    );
  return {
    id: randomUUID(),
    schemaVersion: 1,
    capture: {
      site: 'generic',
      url: 'https://chat.example.test/c/bench',
      title: 'Septic shock',
      capturedAt: '2026-11-25T10:00:00.000Z',
      turns: [
        {
          role: 'user',
          text: 'MAP 58 after 30 mL/kg: next step?',
          anchor: { exact: 'MAP 58', prefix: '', suffix: '' },
        },
        { role: 'assistant', text: answer, anchor: { exact: answer.slice(0, 60), prefix: '', suffix: '' } },
      ],
    },
    review: { kind: 'improve', turn: 1, rewrite: `${answer} Reassess lactate.`, comment: 'Add lactate.', activeMs: 9 },
    createdAt: '2026-11-25T10:01:00.000Z',
  };
}

/** N copies of one review with their own ids, received one millisecond apart. */
async function fill(db: Database, teamId: string, userId: string, reviews: number): Promise<void> {
  await db.query(
    `INSERT INTO submissions (id, team_id, user_id, schema_version, body, content_hash, received_at)
     SELECT u.id, $1, $2, 1, jsonb_set($3::jsonb, '{id}', to_jsonb(u.id::text)), 'bench',
            '2026-11-25T00:00:00Z'::timestamptz + u.i * interval '1 millisecond'
       FROM (SELECT i, gen_random_uuid() AS id FROM generate_series(1, $4) AS i) u`,
    [teamId, userId, JSON.stringify(template()), reviews],
  );
}

/**
 * Reads a response body; returns bytes read and the live heap's peak growth over the start
 * (sampled after a collection every 10,000 chunks: garbage not yet collected is not memory held).
 */
async function drain(res: Response): Promise<{ bytes: number; peakHeap: number }> {
  if (!res.ok || !res.body) throw new Error(`export failed: ${res.status} ${await res.text()}`);
  const live = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  const start = live();
  let peak = start;
  let bytes = 0;
  let chunks = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (++chunks % 10_000 === 0) peak = Math.max(peak, live());
  }
  return { bytes, peakHeap: peak - start };
}

async function rawRead(db: Database, to: string): Promise<number> {
  let after = '-infinity';
  let rows = 0;
  for (;;) {
    const page = await db.query<{ body: unknown; t: string }>(
      `SELECT body, received_at::text AS t FROM submissions
        WHERE received_at > $1::timestamptz AND received_at < $2::timestamptz ORDER BY received_at LIMIT 500`,
      [after, to],
    );
    rows += page.length;
    const last = page.at(-1);
    if (!last || page.length < 500) return rows;
    after = last.t;
  }
}

const MB = 1024 * 1024;

export async function benchExport(reviews: number): Promise<Figure[]> {
  const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  try {
    await migrate(db);
    const people = await seedDemo(db);
    await fill(db, people.teamId, people.expertId, reviews);
    const token = await createToken(db, people.leadId);
    const app = createApp({ db });
    const exportUpTo = async (n: number) => {
      // Receipt times are one millisecond apart: `to` cuts the export at the n-th review.
      const to = new Date(Date.parse('2026-11-25T00:00:00Z') + n + 1).toISOString();
      const started = performance.now();
      const result = await drain(
        await app.request(`/v1/exports/csv?to=${encodeURIComponent(to)}`, {
          headers: { Authorization: `Bearer ${token}` },
        }),
      );
      const exportMs = performance.now() - started;
      const rawStarted = performance.now();
      const rows = await rawRead(db, to);
      if (rows !== n) throw new Error(`expected ${n} rows, read ${rows}`);
      return { ...result, exportMs, rawMs: performance.now() - rawStarted };
    };
    const small = await exportUpTo(reviews / 10);
    const full = await exportUpTo(reviews);
    const ratio = full.peakHeap / small.peakHeap;
    return [
      {
        benchmark: `export of ${reviews} reviews (CSV, ${(full.bytes / MB).toFixed(0)} MB): live heap growth ÷ for ${reviews / 10}`,
        measured: `${ratio.toFixed(2)} (+${(full.peakHeap / MB).toFixed(1)} MB vs +${(small.peakHeap / MB).toFixed(1)} MB)`,
        budget: 'bounded (≤ 1.5)',
        within: ratio <= 1.5,
      },
      {
        benchmark: `export of ${reviews} reviews: time ÷ reading the same rows raw`,
        measured: `${(full.exportMs / full.rawMs).toFixed(2)} (${((reviews / full.exportMs) * 1000).toFixed(0)} reviews/s)`,
        budget: '—',
      },
    ];
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await benchExport(Number(process.argv[2] ?? 100_000))) console.log(figureLine(figure));
}
