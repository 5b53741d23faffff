/**
 * A fresh database and app per test. PGlite takes seconds to initialise, so the
 * migrated empty database is made once per test file and each test starts from
 * a copy of its files (well under a second).
 */
import { createApp } from '../../../server/app';
import { createToken } from '../../../server/auth';
import { type Database, openPglite } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrate';
import { seedDemo } from '../../../server/demo/seed';

let template: Promise<Blob> | undefined;

function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const fresh = await openPglite('memory://');
    await migrate(fresh);
    const dump = await fresh.pglite.dumpDataDir('none');
    await fresh.close();
    return dump;
  })();
  return template;
}

export async function testDatabase(): Promise<Database> {
  return openPglite('memory://', await migratedTemplate());
}

export interface Harness {
  db: Database;
  app: ReturnType<typeof createApp>;
  teamId: string;
  expertId: string;
  leadId: string;
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
