/**
 * Backup and restore as the README tells an admin to do them: `pg_dump -Fc`
 * of a live database, `pg_restore` into a new empty one, and a server started
 * on the copy finds every row (every table compared, row by row), the same
 * migration version and the same tokens, and goes on taking reviews.
 *
 * PostgreSQL only: a PGlite database is backed up by copying its data
 * directory while no server runs (see the README).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { createToken } from '../../../server/auth';
import { type Database, openDatabase } from '../../../server/db/database';
import { LATEST_MIGRATION, migrate } from '../../../server/db/migrate';
import { ensureDemo } from '../../../server/demo/reviews';
import { AssignedTasks, SubmitBatchResult } from '../../../utils/schema';
import { postgresBin } from '../../support/pg-cluster';
import { sampleSubmission } from '../support/samples';
import { DATABASE_KIND, type PostgresDatabase, postgresDatabase } from './harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every table's row count and a hash of its rows in a fixed order. */
async function fingerprint(db: Database): Promise<Record<string, { rows: number; hash: string }>> {
  const tables = await db.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const result: Record<string, { rows: number; hash: string }> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ rows: number; hash: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS hash
         FROM "${name}" t`,
    );
    if (row) result[name] = row;
  }
  return result;
}

async function database(options: { empty?: boolean } = {}): Promise<{ created: PostgresDatabase; db: Database }> {
  const created = await postgresDatabase(options);
  const db = await openDatabase({ kind: 'postgresql', url: created.url });
  cleanups.push(async () => {
    await db.close();
    await created.drop();
  });
  return { created, db };
}

function run(tool: string, args: string[]): void {
  execFileSync(join(postgresBin(), tool), args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

describe.skipIf(DATABASE_KIND !== 'postgresql')('backup with pg_dump, restore with pg_restore', () => {
  it('gives a database a server starts on with every row, the same migration and tokens, and that takes new reviews', async () => {
    const source = await database();
    const people = await ensureDemo(source.db, 'http://127.0.0.1:8787/demo/chat');
    const leadToken = await createToken(source.db, people.leadId);
    const expertToken = await createToken(source.db, people.expertId);
    const original = createApp({ db: source.db });
    // A lead's decision on one of the demo reviews: an audit, and action log rows.
    const [reviewed] = await source.db.query<{ id: string }>('SELECT id FROM submissions ORDER BY id LIMIT 1');
    const audited = await original.request('/v1/audits', {
      method: 'POST',
      headers: { Authorization: `Bearer ${leadToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        id: randomUUID(),
        submissionId: reviewed?.id,
        action: 'accept',
        comment: '',
        createdAt: new Date().toISOString(),
      }),
    });
    expect(audited.status).toBeLessThan(300);
    const before = await fingerprint(source.db);
    expect(before.submissions?.rows).toBeGreaterThan(0);
    expect(before.audits?.rows).toBeGreaterThan(0);
    expect(before.action_log?.rows).toBeGreaterThan(0);
    expect(before.server_secrets?.rows).toBeGreaterThan(0);

    // The commands of the README's "Backup and restore".
    const dir = mkdtempSync(join(tmpdir(), 'attending-backup-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dump = join(dir, 'attending.dump');
    run('pg_dump', ['-Fc', '-d', source.created.url, '-f', dump]);
    const target = await database({ empty: true });
    run('pg_restore', ['--no-owner', '--exit-on-error', '-d', target.created.url, dump]);

    expect(await fingerprint(target.db)).toEqual(before);
    // What a server does on start: nothing to migrate.
    expect(await migrate(target.db)).toEqual({ from: LATEST_MIGRATION, to: LATEST_MIGRATION, applied: [] });

    const restored = createApp({ db: target.db });
    const get = async (app: typeof original, path: string, token?: string) => {
      const res = await app.request(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
      expect(res.status, path).toBe(200);
      return res.json();
    };
    expect(await get(restored, '/v1/health')).toEqual({
      status: 'ok',
      database: 'postgresql',
      migration: LATEST_MIGRATION,
    });
    // The same tokens sign in, and see the same projects, tasks and submissions (blind orders too: same secret).
    for (const [path, token] of [
      ['/v1/projects', leadToken],
      ['/v1/submissions?limit=500', leadToken],
      ['/v1/tasks/assigned', expertToken],
    ] as const) {
      expect(await get(restored, path, token)).toEqual(await get(original, path, token));
    }

    // The copy goes on: a review of a task the expert had open, and its action log rows (the identity sequence came along).
    const { tasks } = AssignedTasks.parse(await get(restored, '/v1/tasks/assigned', expertToken));
    const task = tasks.find((t) => t.status !== 'submitted')?.task;
    if (!task) throw new Error('The demo expert has no open task');
    const submission = { ...sampleSubmission(), taskId: task.id };
    const stored = await restored.request('/v1/submissions/batch', {
      method: 'POST',
      headers: { Authorization: `Bearer ${expertToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ submissions: [submission] }),
    });
    expect(stored.status).toBe(200);
    expect(SubmitBatchResult.parse(await stored.json()).results).toEqual([
      expect.objectContaining({ id: submission.id, status: 'created' }),
    ]);
    const after = await fingerprint(target.db);
    expect(after.submissions?.rows).toBe((before.submissions?.rows ?? 0) + 1);
    expect(after.action_log?.rows).toBeGreaterThan(before.action_log?.rows ?? 0);
    // The database's own rules came along too: the action log is append-only.
    await expect(target.db.query('DELETE FROM action_log')).rejects.toThrow();
  });
});
