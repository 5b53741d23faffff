/**
 * GET /v1/health tells a load balancer whether this process can serve: 200
 * with the migration version while the database answers, 503 when it does
 * not or hangs, and 200 again once it is back, without a restart.
 */
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../../server/app';
import { CONNECT_TIMEOUT_MS, type Database, DatabaseUnavailable, openDatabase } from '../../../server/db/database';
import { LATEST_MIGRATION } from '../../../server/db/migrate';
import { jsonLogger } from '../../../server/log';
import { HEALTH_TIMEOUT_MS } from '../../../server/resources/health';
import { startServer } from '../../../server/serve';
import { ApiError, Health, HealthUnavailable } from '../../../utils/schema';
import { DATABASE_KIND, type Harness, harness } from './harness';

let h: Harness;
let closed: boolean;
beforeEach(async () => {
  h = await harness();
  closed = false;
});
afterEach(async () => {
  if (!closed) await h.db.close();
});

async function unavailable(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return HealthUnavailable.parse(await res.json());
}

describe('GET /v1/health', () => {
  it('answers 200 with the migration version while the database answers', async () => {
    const res = await h.call('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(Health.parse(await res.json())).toEqual({
      status: 'ok',
      database: DATABASE_KIND,
      migration: LATEST_MIGRATION,
    });
  });

  it('is declared with both answers in the OpenAPI document', async () => {
    const doc = await (await h.call('GET', '/v1/openapi.json')).json();
    const { responses } = doc.paths['/v1/health'].get;
    expect(responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Health' });
    expect(responses['503'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/HealthUnavailable',
    });
    expect(doc.components.schemas.HealthUnavailable.properties.status).toMatchObject({ enum: ['unavailable'] });
  });

  it('answers 503 once the database under a running server is closed, and says why in the error log', async () => {
    const stderr: string[] = [];
    const log = jsonLogger(null, { write: (line: string) => stderr.push(line) });
    const server = await startServer({ db: h.db, log }, 0, '127.0.0.1');
    try {
      expect((await fetch(`${server.url}/v1/health`)).status).toBe(200);
      await h.db.close();
      closed = true;
      expect(await unavailable(await fetch(`${server.url}/v1/health`))).toEqual({
        status: 'unavailable',
        database: DATABASE_KIND,
        message: 'The database does not answer',
      });
      expect(stderr.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({ level: 'error', event: 'database_unavailable', error: expect.any(Object) }),
      ]);
    } finally {
      await server.close(0);
    }
  });

  it(`answers 503 when the database does not answer within ${HEALTH_TIMEOUT_MS} ms`, async () => {
    const hanging: Database = { ...h.db, query: () => new Promise(() => {}) };
    const app = createApp({ db: hanging, log: jsonLogger(null, { write: () => true }) });
    const started = Date.now();
    const body = await unavailable(await app.request('/v1/health'));
    expect(body.status).toBe('unavailable');
    expect(Date.now() - started).toBeGreaterThanOrEqual(HEALTH_TIMEOUT_MS - 50);
  });
});

describe.skipIf(DATABASE_KIND !== 'postgresql')('on PostgreSQL', () => {
  it('answers 503 while the database refuses connections, and 200 again once it takes them', async () => {
    const [{ name } = { name: '' }] = await h.db.query<{ name: string }>('SELECT current_database() AS name');
    const admin = new pg.Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    const allow = (yes: boolean) => admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${yes}`);
    const app = createApp({ db: h.db, log: jsonLogger(null, { write: () => true }) });
    try {
      await allow(false);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      expect((await unavailable(await app.request('/v1/health'))).database).toBe('postgresql');
      // Any other request says the same, as a 503 a client retries, not as the server's own fault.
      const me = await app.request('/v1/me', { headers: { Authorization: `Bearer ${h.expertToken}` } });
      expect(me.status).toBe(503);
      expect(ApiError.parse(await me.json()).error).toEqual({
        code: 'database_unavailable',
        message: 'The database did not answer; the request may not have been applied',
      });
      await allow(true);
      expect((await app.request('/v1/health')).status).toBe(200);
      expect((await app.request('/v1/me', { headers: { Authorization: `Bearer ${h.expertToken}` } })).status).toBe(200);
    } finally {
      await allow(true);
      await admin.end();
    }
  });

  it('a connection lost in the middle of a transaction fails that request with a 503, and the server goes on', async () => {
    const admin = new pg.Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    try {
      const lost = h.db.transaction(async (tx) => {
        const [{ pid } = { pid: 0 }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        // The connection's end arrives while it is still in use (an unheard error there ends the process).
        await new Promise((resolve) => setTimeout(resolve, 200));
        await tx.query('SELECT 1');
      });
      await expect(lost).rejects.toBeInstanceOf(DatabaseUnavailable);
      expect(await h.db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await admin.end();
    }
  });

  it(`gives up on a connection the database does not answer within ${CONNECT_TIMEOUT_MS} ms, with a 503`, async () => {
    // The database behind a relay that, once cut, takes connections and never answers: a host gone silent.
    const target = new URL(inject('databaseUrl'));
    const [{ name } = { name: '' }] = await h.db.query<{ name: string }>('SELECT current_database() AS name');
    let silent = false;
    const sockets = new Set<Socket>();
    const relay = createServer((client) => {
      sockets.add(client);
      client.on('error', () => {});
      if (silent) return;
      const upstream = connect(Number(target.port), target.hostname);
      sockets.add(upstream);
      upstream.on('error', () => {});
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((listening) => relay.listen(0, '127.0.0.1', listening));
    const { port } = relay.address() as AddressInfo;
    const url = new URL(target);
    url.port = String(port);
    url.pathname = `/${name}`;
    const db = await openDatabase({ kind: 'postgresql', url: url.href }, jsonLogger(null, { write: () => true }));
    const app = createApp({ db, log: jsonLogger(null, { write: () => true }) });
    const me = () => app.request('/v1/me', { headers: { Authorization: `Bearer ${h.expertToken}` } });
    try {
      expect((await me()).status).toBe(200);
      silent = true;
      for (const socket of sockets) socket.destroy();
      // The pool drops its idle connection once it sees it closed; the next request needs a new one.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      const res = await me();
      expect(res.status).toBe(503);
      expect(ApiError.parse(await res.json()).error.code).toBe('database_unavailable');
      expect(Date.now() - started).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 50);
      expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 2000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await db.close().catch(() => {});
      await new Promise((closed) => relay.close(closed));
    }
  });
});
