/**
 * A fresh database and app per test, on PGlite or on PostgreSQL (the vitest
 * project says which: the server suite runs on both).
 *
 * PGlite takes seconds to initialise, so the migrated empty database is made
 * once per test file and each test starts from a copy of its files. On
 * PostgreSQL, a migrated template database is made once and each test gets
 * `CREATE DATABASE … TEMPLATE` of it, dropped afterwards.
 */

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp } from '../../../server/app';
import { createToken } from '../../../server/auth';
import { type Database, openDatabase, openPglite } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrate';
import { seedDemo } from '../../../server/demo/seed';

export const DATABASE_KIND = process.env.ATTENDING_TEST_DB === 'postgresql' ? 'postgresql' : 'pglite';

let template: Promise<Blob> | undefined;

function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const fresh = await openPglite('memory://');
    await migrate(fresh);
    const dump = await fresh.pglite.dumpDataDir('none');
    await fresh.close();
    return dump;
  })();
  return template;
}

const PG_TEMPLATE = 'attending_test_template';
let pgTemplate: Promise<void> | undefined;

async function withAdmin<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  return url.href;
}

function postgresTemplate(): Promise<void> {
  pgTemplate ??= withAdmin(async (admin) => {
    // Test files run in parallel: one of them makes the template, the others wait for it.
    await admin.query('SELECT pg_advisory_lock(7412002)');
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [PG_TEMPLATE]);
      if (exists.rowCount) return;
      await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
      const db = await openDatabase({ kind: 'postgresql', url: databaseUrl(PG_TEMPLATE) });
      await migrate(db);
      await db.close();
    } finally {
      await admin.query('SELECT pg_advisory_unlock(7412002)');
    }
  });
  return pgTemplate;
}

export interface PostgresDatabase {
  name: string;
  /** Its address, for what runs outside this process (a server, pg_dump). */
  url: string;
  /** Drops it, ending whatever connections are left. */
  drop(): Promise<void>;
}

/** A new database on the test PostgreSQL: migrated (from the template), or `empty` (from template0). */
export async function postgresDatabase({ empty = false } = {}): Promise<PostgresDatabase> {
  if (!empty) await postgresTemplate();
  const name = `attending_test_${randomUUID().replaceAll('-', '')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${empty ? 'template0' : PG_TEMPLATE}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      withAdmin(async (admin) => {
        // The pool's connections are closing; terminating one mid-close is reported as an error.
        for (let i = 0; i < 50; i++) {
          const busy = await admin.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1', [name]);
          if (!busy.rowCount) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      }),
  };
}

export async function testDatabase(): Promise<Database> {
  if (DATABASE_KIND === 'pglite') return openPglite('memory://', await pgliteTemplate());
  const created = await postgresDatabase();
  const db = await openDatabase({ kind: 'postgresql', url: created.url });
  return {
    ...db,
    async close() {
      await db.close();
      await created.drop();
    },
  };
}

export interface Harness {
  db: Database;
  app: ReturnType<typeof createApp>;
  teamId: string;
  expertId: string;
  leadId: string;
  /** The demo project, which holds every demo task. */
  projectId: string;
  expertToken: string;
  leadToken: string;
  /** Calls the app with a JSON body and a token. */
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
}

export async function harness(): Promise<Harness> {
  const db = await testDatabase();
  const people = await seedDemo(db);
  const app = createApp({ db });
  const expertToken = await createToken(db, people.expertId);
  const leadToken = await createToken(db, people.leadId);
  return {
    db,
    app,
    ...people,
    expertToken,
    leadToken,
    call(method, path, { token, body, headers } = {}) {
      return Promise.resolve(
        app.request(path, {
          method,
          headers: {
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...headers,
          },
          ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
        }),
      );
    },
  };
}
