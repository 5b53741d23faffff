import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database';
import { lockDataDir } from '../../../server/db/lock';
import { currentMigration, LATEST_MIGRATION, migrate } from '../../../server/db/migrate';
import { clinicalTasks } from '../../../server/demo/seed';
import { readEnv } from '../../../server/env';
import { parseTaskFile } from '../../../server/task-file';
import { testDatabase } from './harness';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'attending-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('apply once: running them again changes nothing', async () => {
    const db = await testDatabase();
    expect(await currentMigration(db)).toBe(LATEST_MIGRATION);
    await migrate(db);
    const rows = await db.query('SELECT version FROM schema_migrations');
    expect(rows).toHaveLength(LATEST_MIGRATION);
    await db.close();
  });

  it('refuse a database newer than the server', async () => {
    const db = await testDatabase();
    await db.query("INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future.sql')");
    await expect(migrate(db)).rejects.toThrow(/newer than this server/);
    await db.close();
  });
});

describe('PGlite data directory', () => {
  it('is locked while a process uses it', () => {
    const dir = tempDir();
    const unlock = lockDataDir(dir);
    // Another live process holds the lock:
    writeFileSync(join(dir, 'attending.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(/in use by process/);
    writeFileSync(join(dir, 'attending.lock'), String(process.pid));
    unlock();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'attending.lock'), '2147483646');
    const unlock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'attending.lock'), 'utf8')).toBe(String(process.pid));
    unlock();
  });

  it('keeps data across a reopen', async () => {
    const dir = tempDir();
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    await migrate(first);
    await first.query("INSERT INTO teams (id, name) VALUES (gen_random_uuid(), 'Kept')");
    await first.close();
    const second = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(await second.query('SELECT name FROM teams')).toEqual([{ name: 'Kept' }]);
    await second.close();
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
