/**
 * The storage interface the server is written against, and its two
 * implementations: embedded PostgreSQL (PGlite, the default, one process) and a
 * real PostgreSQL server (node-postgres pool, for several server processes).
 * Both run the same SQL; nothing above this file knows which one it has.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { errorsOnly, type Logger } from '../log';
import { lockDataDir } from './lock';

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgresql';
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable & { exec(sql: string): Promise<void> }) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseConfig =
  | { kind: 'postgresql'; url: string }
  /** `dataDir` is a directory, or `memory://` for a throwaway database. */
  | { kind: 'pglite'; dataDir: string; loadDataDir?: Blob };

/** `log` gets the errors of idle PostgreSQL connections (see openPostgres). */
export async function openDatabase(config: DatabaseConfig, log: Logger = errorsOnly): Promise<Database> {
  return config.kind === 'postgresql' ? openPostgres(config.url, log) : openPglite(config.dataDir, config.loadDataDir);
}

/** PGlite, with the handle exposed for what only it can do (tests dump and reload its files). */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database & { pglite: PGlite }> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // PGlite itself does not stop a second process from opening the same files.
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(inMemory ? undefined : dataDir, loadDataDir ? { loadDataDir } : {});
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    kind: 'pglite',
    pglite: db,
    async query(sql, params) {
      return (await db.query(sql, params)).rows as never[];
    },
    transaction(fn) {
      return db.transaction((tx) =>
        fn({
          query: async (sql, params) => (await tx.query(sql, params)).rows as never[],
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      );
    },
    async close() {
      await db.close();
      unlock();
    },
  };
}

async function openPostgres(url: string, log: Logger): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that the server closes (a restart, a failover) is dropped from the pool and
  // replaced on next use; without this listener its error would end the process.
  pool.on('error', (error) => log.error('database_connection_lost', error));
  // Fail at start, with the server's own message, rather than on the first request.
  await pool.query('SELECT 1');
  return {
    kind: 'postgresql',
    async query(sql, params) {
      return (await pool.query(sql, params)).rows;
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (sql, params) => (await client.query(sql, params)).rows,
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
