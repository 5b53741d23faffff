/**
 * Applies the pending numbered SQL files in server/migrations, in order, in
 * one transaction under an advisory lock, so that several server processes
 * starting at once on one PostgreSQL apply each migration exactly once, and a
 * failed migration leaves the database as it was.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
const LOCK_KEY = 7_412_001; // arbitrary, constant: "attending migrations"

interface Migration {
  version: number;
  name: string;
  sql: string;
}

function migrationFiles(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({
      version: Number(name.slice(0, 4)),
      name,
      sql: readFileSync(MIGRATIONS_DIR + name, 'utf8'),
    }));
}

/** The highest migration this build of the server knows. */
export const LATEST_MIGRATION = Math.max(...migrationFiles().map((m) => m.version));

interface Migrated {
  /** The version the database was at before, 0 for an empty one. */
  from: number;
  to: number;
  /** The files applied now, in order: none when the database was up to date. */
  applied: string[];
}

export async function migrate(db: Database): Promise<Migrated> {
  const migrations = migrationFiles();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    const newest = Math.max(0, ...applied);
    if (newest > LATEST_MIGRATION) {
      throw new Error(
        `The database is at migration ${newest}, newer than this server (${LATEST_MIGRATION}). Upgrade the server.`,
      );
    }
    const now: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      now.push(migration.name);
    }
    return { from: newest, to: LATEST_MIGRATION, applied: now };
  });
}

export async function currentMigration(db: Database): Promise<number> {
  const [row] = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return row?.version ?? 0;
}
