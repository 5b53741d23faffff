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

/**
 * A PostgreSQL connection could not be had within CONNECT_TIMEOUT_MS (the server
 * refuses, is down or silent, or every connection of the pool stayed busy), or
 * was lost under a request: the request failed, and may be made again once the
 * database is back. A connection lost during a write's commit may have
 * committed it: the server's writes that matter are idempotent by id.
 */
export class DatabaseUnavailable extends Error {
  constructor(cause: unknown, busy = false) {
    const message = (cause as Error).message;
    super(
      busy
        ? `Every connection to the database stayed busy for ${CONNECT_TIMEOUT_MS} ms: ${message}`
        : `The database does not answer: ${message}`,
      { cause },
    );
  }
}

/**
 * How long a request waits for a PostgreSQL connection: a new one, or (pg-pool
 * counts both) one of the pool's to be free. Without a limit, a database whose
 * host stopped answering holds every request until the operating system gives
 * up on the connection, minutes later.
 */
export const CONNECT_TIMEOUT_MS = 5000;
/** A process's connections; several processes share one PostgreSQL, whose max_connections is 100 by default. */
const POOL_SIZE = 10;

/**
 * SQLSTATEs of a connection gone or not to be had: class 08 but for 08P01 (a
 * protocol violation is our fault, not the database's), 57P01–57P03 (shutting
 * down, crashed, starting), 53300 (too many connections).
 */
const LOST_SQLSTATES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '08007',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** Errors a socket gives when the connection under a query is gone. */
const SOCKET_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * Whether `error` says the connection is gone (the server restarted, shut down,
 * refused, or its host went silent), rather than that the statement was wrong.
 */
function connectionLost(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return LOST_SQLSTATES.has(error.code ?? '');
  const { code, message } = error as NodeJS.ErrnoException;
  return (code !== undefined && SOCKET_ERRORS.has(code)) || /^Connection terminated/.test(message ?? '');
}

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
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection that the server closes (a restart, a failover) is dropped from the pool and
  // replaced on next use; without this listener its error would end the process.
  pool.on('error', (error) => log.error('database_connection_lost', error));
  // Fail at start, with the server's own message, rather than on the first request.
  await pool.query('SELECT 1');

  /**
   * Runs `use` on a connection of the pool. A connection that could not be
   * had, or was lost under `use`, is a DatabaseUnavailable; a lost one is
   * destroyed rather than handed to the next request.
   */
  async function withClient<T>(use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    // Whether this request waits for a busy pool rather than for the database (an overload, not an outage).
    const busy = pool.totalCount >= POOL_SIZE && pool.idleCount === 0;
    const client = await pool.connect().catch((error: unknown) => {
      throw new DatabaseUnavailable(error, busy);
    });
    // The pool listens for the errors of idle connections only: one lost while in use
    // (its 'end' may come after it was handed out) would otherwise end the process.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on('error', onError);
    try {
      return await use(client);
    } catch (error) {
      // Once the connection reported its loss, whatever failed after failed because of it.
      if (lost === undefined && !connectionLost(error)) throw error;
      lost ??= error as Error;
      throw new DatabaseUnavailable(error);
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }

  return {
    kind: 'postgresql',
    query: (sql, params) => withClient(async (client) => (await client.query(sql, params)).rows),
    transaction: (fn) =>
      withClient(async (client) => {
        await client.query('BEGIN');
        try {
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
        }
      }),
    close: () => pool.end(),
  };
}
