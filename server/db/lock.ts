/**
 * One server per PGlite data directory. PGlite opens a directory that another
 * process is using without complaint and both then corrupt it, so the server
 * takes a lock file holding its pid, and refuses to start while the pid lives.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'attending.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The database in ${dataDir} is in use by process ${owner}. Stop that server first, or set ATTENDING_DATA_DIR to another directory. To serve one database from several processes, use PostgreSQL (DATABASE_URL).`,
        );
      }
      rmSync(path, { force: true }); // left behind by a process that died
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
