import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database';
import { lockDataDir } from '../../../server/db/lock';
import { migrate } from '../../../server/db/migrate';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'attending-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
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
