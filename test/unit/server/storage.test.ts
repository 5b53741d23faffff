import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database';
import { currentMigration, LATEST_MIGRATION, migrate } from '../../../server/db/migrate';
import { ensureDemo } from '../../../server/demo/reviews';
import { clinicalTasks } from '../../../server/demo/seed';
import { readEnv } from '../../../server/env';
import { parseTaskFile } from '../../../server/task-file';
import { DATABASE_KIND, postgresDatabase, testDatabase } from './harness';

describe('migrations', () => {
  it('apply once: running them again changes nothing', async () => {
    const db = await testDatabase();
    expect(await currentMigration(db)).toBe(LATEST_MIGRATION);
    await migrate(db);
    const rows = await db.query('SELECT version FROM schema_migrations');
    // One row per migration file: numbers need not be contiguous while branches hold some of them.
    const files = readdirSync(new URL('../../../server/migrations/', import.meta.url)).filter((f) =>
      f.endsWith('.sql'),
    );
    expect(rows).toHaveLength(files.length);
    await db.close();
  });

  // Several server processes start at once on one PostgreSQL: each migration must be applied by one of them.
  it.skipIf(DATABASE_KIND !== 'postgresql')(
    'apply once when several processes migrate an empty database at once',
    async () => {
      const created = await postgresDatabase({ empty: true });
      const servers = await Promise.all(
        Array.from({ length: 4 }, () => openDatabase({ kind: 'postgresql', url: created.url })),
      );
      try {
        const results = await Promise.all(servers.map(migrate));
        const applied = results.flatMap((r) => r.applied);
        expect(applied).toHaveLength(new Set(applied).size);
        expect(applied.length).toBeGreaterThan(0);
        expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
        expect(await currentMigration(servers[0] as (typeof servers)[0])).toBe(LATEST_MIGRATION);
      } finally {
        for (const db of servers) await db.close();
        await created.drop();
      }
    },
  );

  it('refuse a database newer than the server', async () => {
    const db = await testDatabase();
    await db.query("INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future.sql')");
    await expect(migrate(db)).rejects.toThrow(/newer than this server/);
    await db.close();
  });
});

describe('configuration', () => {
  it('defaults to PGlite under .attending/ and uses PostgreSQL when DATABASE_URL is set', () => {
    expect(readEnv({})).toMatchObject({ port: 8787, host: '127.0.0.1', database: { kind: 'pglite' } });
    expect(readEnv({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }).database).toEqual({
      kind: 'postgresql',
      url: 'postgres://u@127.0.0.1:5432/db',
    });
  });

  it('names each invalid variable', () => {
    expect(() => readEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL/);
  });
});

describe('task files', () => {
  it('load from a JSON array or JSONL', () => {
    const tasks = clinicalTasks().slice(0, 2);
    expect(parseTaskFile(JSON.stringify(tasks))).toEqual(tasks);
    expect(parseTaskFile(tasks.map((t) => JSON.stringify(t)).join('\n'))).toEqual(tasks);
  });

  it('name the task and field at fault', () => {
    const [task] = clinicalTasks();
    expect(() => parseTaskFile(JSON.stringify([task, { ...task, estimatedMinutes: 0 }]))).toThrow(
      /^Task 2: estimatedMinutes:/,
    );
  });

  it('include every task of the clinical fixture, without its answers', () => {
    const tasks = clinicalTasks();
    expect(tasks).toHaveLength(12);
    expect(JSON.stringify(tasks)).not.toMatch(/expected_|corrected_step|reference_notes/);
    const rank = tasks.find((t) => t.id === 'clin-t07');
    expect(rank?.kind === 'rank_responses' && rank.responses.map((r) => r.label)).toEqual(['A', 'B', 'C']);
  });
});

describe('the demo', () => {
  it('seeds two disagreeing reviews of the demo page once, which the lead finds by the page', async () => {
    const db = await testDatabase();
    const page = 'http://127.0.0.1:8787/demo/chat';
    const people = await ensureDemo(db, page);
    expect(await ensureDemo(db, page)).toEqual(people);
    const rows = await db.query<{ user_id: string; body: { review: { steps: { rating?: number }[] } } }>(
      'SELECT user_id, body FROM submissions WHERE page_url = $1 ORDER BY user_id',
      [page],
    );
    expect(rows).toHaveLength(2);
    const ratings = Object.fromEntries(rows.map((r) => [r.user_id, r.body.review.steps.map((s) => s.rating)]));
    expect(ratings[people.expertId]).toEqual([1, 1, -1, 1, 1, 1, 1]);
    expect(ratings[people.secondExpertId]).toEqual([1, 1, 1, 1, 1, 1, 1]);
    await db.close();
  });
});
