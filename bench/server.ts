/**
 * Server benchmark on PostgreSQL, through the real HTTP server (one process,
 * its default pool of 10 connections): N experts claim a project's tasks all at once until the
 * pool is empty, then post reviews in batches all at once. Baseline, in the
 * same run on the same PostgreSQL: pgbench's simple-update transactions with
 * as many clients, in a database of their own. Prints claims/s and batches/s
 * against pgbench's transactions/s (a ratio), and fails if a task went to
 * more experts than its overlap, to one expert twice, or was left short.
 *
 *   npx tsx bench/server.ts [experts] [tasks] [submissions]    (default: 50 1000 20000)
 *
 * BENCH_PGBENCH_SECONDS sets pgbench's duration (default 10); BENCH_DATABASE_URL, a
 * PostgreSQL server to create the benchmark's databases on (default: a throwaway cluster).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createToken } from '../server/auth';
import { type Database, openDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { clinicalTasks, seedDemo } from '../server/demo/seed';
import { createUser } from '../server/people';
import { type RunningServer, startServer } from '../server/serve';
import { postgresBin, startCluster } from '../test/support/pg-cluster';
import { sampleSubmission } from '../test/unit/support/samples';
import { BATCH } from '../utils/outbox/policy';
import type { Task } from '../utils/schema';
import { type Figure, figureLine } from './figure';

interface ServerBenchOptions {
  experts: number;
  tasks: number;
  overlap: number;
  submissions: number;
  pgbenchSeconds: number;
}

const DEFAULTS: ServerBenchOptions = {
  experts: 50,
  tasks: 1000,
  overlap: 3,
  submissions: 20_000,
  pgbenchSeconds: Number(process.env.BENCH_PGBENCH_SECONDS ?? 10),
};

const run = promisify(execFile);

const count = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

function inDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}

/** pgbench's simple-update (TPC-B without the branch and teller updates) on its own database: transactions/s. */
async function pgbenchTps(url: string, clients: number, seconds: number): Promise<number> {
  const pgbench = join(postgresBin(), 'pgbench');
  await run(pgbench, ['-i', '-q', url]);
  const { stdout } = await run(pgbench, [
    '--builtin=simple-update',
    '-c',
    String(clients),
    '-j',
    '2',
    '-T',
    String(seconds),
    url,
  ]);
  const tps =
    /^tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/m.exec(stdout) ??
    /^tps = ([\d.]+)/m.exec(stdout);
  if (!tps?.[1]) throw new Error(`no tps in pgbench's output:\n${stdout}`);
  return Number(tps[1]);
}

interface Expert {
  id: string;
  token: string;
}

function client(server: RunningServer) {
  return async (token: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

async function ok(res: Response, what: string): Promise<unknown> {
  if (!res.ok) throw new Error(`${what} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** N tasks of the clinical fixture's kinds, with ids of their own. */
function benchTasks(n: number, projectId: string): Task[] {
  const fixture = clinicalTasks();
  return Array.from({ length: n }, (_, i) => {
    const base = fixture[i % fixture.length] as Task;
    return {
      ...base,
      id: `bench-${projectId.slice(0, 8)}-${String(i).padStart(6, '0')}`,
      title: `${base.title} (${i})`,
    };
  });
}

/** A new project of N tasks, added through the API, claimed to the end by every expert at once. */
async function claimAll(
  db: Database,
  post: ReturnType<typeof client>,
  lead: string,
  teamId: string,
  experts: Expert[],
  o: ServerBenchOptions,
): Promise<{ line: string; claimsPerSecond: number }> {
  const project = (await ok(
    await post(lead, '/v1/projects', { name: 'Claim benchmark', overlap: o.overlap }),
    'create project',
  )) as { id: string };
  const tasks = benchTasks(o.tasks, project.id);
  for (let i = 0; i < tasks.length; i += 1000) {
    const chunk = tasks.slice(i, i + 1000).map((task) => ({ task }));
    await ok(await post(lead, `/v1/projects/${project.id}/tasks`, { tasks: chunk }), 'add tasks');
  }

  const holders = new Map<string, number>();
  const latencies: number[] = [];
  /** Claims by an expert after a 204 told them no task was waiting (see below). */
  let late = 0;
  const claimUntilEmpty = async (expert: Expert, mine: Set<string>) => {
    for (;;) {
      const sent = performance.now();
      const res = await post(expert.token, `/v1/projects/${project.id}/claim`);
      latencies.push(performance.now() - sent);
      if (res.status === 204) return;
      const { task } = (await ok(res, 'claim')) as { task: { id: string } };
      if (mine.has(task.id)) throw new Error(`task ${task.id} handed to expert ${expert.id} twice`);
      mine.add(task.id);
      const held = (holders.get(task.id) ?? 0) + 1;
      if (held > o.overlap) throw new Error(`task ${task.id} handed to ${held} experts, overlap ${o.overlap}`);
      holders.set(task.id, held);
    }
  };
  const claimed = experts.map(() => new Set<string>());
  const started = performance.now();
  await Promise.all(experts.map((expert, i) => claimUntilEmpty(expert, claimed[i] as Set<string>)));
  const seconds = (performance.now() - started) / 1000;
  const concurrentClaims = [...holders.values()].reduce((a, b) => a + b, 0);
  const concurrentLatencies = latencies.toSorted((a, b) => a - b);
  // SKIP LOCKED passes over tasks other claims hold locked: under contention an expert may be told
  // "nothing waiting" while a slot is still free. Claiming again, one expert at a time, finds them.
  for (const [i, expert] of experts.entries()) {
    const before = claimed[i]?.size ?? 0;
    await claimUntilEmpty(expert, claimed[i] as Set<string>);
    late += (claimed[i]?.size ?? 0) - before;
  }

  const [check] = await db.query<{ tasks: number; full: number; most: number; total: number; pairs: number }>(
    `SELECT count(*)::int AS tasks, count(*) FILTER (WHERE n = $3)::int AS full,
            coalesce(max(n), 0)::int AS most, coalesce(sum(n), 0)::int AS total,
            (SELECT count(DISTINCT (a.task_id, a.user_id))::int FROM assignments a
               JOIN tasks t ON t.team_id = a.team_id AND t.id = a.task_id WHERE t.project_id = $2) AS pairs
       FROM (SELECT (SELECT count(*) FROM assignments a WHERE a.team_id = t.team_id AND a.task_id = t.id) AS n
               FROM tasks t WHERE t.team_id = $1 AND t.project_id = $2) per_task`,
    [teamId, project.id, o.overlap],
  );
  const expected = o.tasks * o.overlap;
  if (
    !check ||
    check.tasks !== o.tasks ||
    check.most > o.overlap ||
    check.full !== o.tasks ||
    check.total !== expected ||
    check.pairs !== expected ||
    concurrentClaims + late !== expected
  ) {
    throw new Error(
      `claims wrong: ${JSON.stringify(check)}, ${concurrentClaims} + ${late} late claims answered, expected ${expected}`,
    );
  }
  const claimsPerSecond = concurrentClaims / seconds;
  return {
    line:
      `${experts.length} experts, ${o.tasks} tasks × overlap ${o.overlap}, ` +
      `claimed as soon as added: ${count(claimsPerSecond)} claims/s ` +
      `(p50 ${percentile(concurrentLatencies, 50).toFixed(0)} ms, p99 ${percentile(concurrentLatencies, 99).toFixed(0)} ms), ` +
      `no double assignment, every task handed out ${o.overlap} times` +
      (late ? ` (${late} only after a premature "nothing waiting")` : ''),
    claimsPerSecond,
  };
}

async function ingestAll(
  db: Database,
  post: ReturnType<typeof client>,
  experts: Expert[],
  o: ServerBenchOptions,
): Promise<{ line: string; submissionsPerSecond: number; batchesPerSecond: number }> {
  const batches = Array.from({ length: Math.ceil(o.submissions / BATCH.maxItems) }, (_, b) =>
    Array.from({ length: Math.min(BATCH.maxItems, o.submissions - b * BATCH.maxItems) }, () => sampleSubmission()),
  );
  const started = performance.now();
  await Promise.all(
    experts.map(async (expert, e) => {
      for (let b = e; b < batches.length; b += experts.length) {
        const submissions = batches[b] ?? [];
        const { results } = (await ok(await post(expert.token, '/v1/submissions/batch', { submissions }), 'batch')) as {
          results: { status: string }[];
        };
        if (results.length !== submissions.length || results.some((r) => r.status !== 'created')) {
          throw new Error(`batch ${b} not stored as new: ${JSON.stringify(results)}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [stored] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM submissions WHERE user_id = ANY($1)', [
    experts.map((e) => e.id),
  ]);
  if (stored?.n !== o.submissions) throw new Error(`expected ${o.submissions} submissions stored, found ${stored?.n}`);
  const submissionsPerSecond = o.submissions / seconds;
  const batchesPerSecond = batches.length / seconds;
  return {
    line:
      `${experts.length} experts, ${count(o.submissions)} submissions in batches of ${BATCH.maxItems}: ` +
      `${count(submissionsPerSecond)} submissions/s, ${count(batchesPerSecond)} batches/s, all stored`,
    submissionsPerSecond,
    batchesPerSecond,
  };
}

export async function benchServer(options: Partial<ServerBenchOptions> = {}): Promise<Figure[]> {
  const o = { ...DEFAULTS, ...options };
  const cleanups: (() => unknown)[] = [];
  try {
    let baseUrl = process.env.BENCH_DATABASE_URL;
    if (!baseUrl) {
      const cluster = await startCluster();
      cleanups.push(cluster.stop);
      baseUrl = cluster.url;
    }
    const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
    const appDb = `attending_bench_${suffix}`;
    const pgbenchDb = `attending_pgbench_${suffix}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    cleanups.push(() => admin.end());
    for (const name of [appDb, pgbenchDb]) {
      await admin.query(`CREATE DATABASE ${name}`);
      cleanups.push(() => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }

    const db = await openDatabase({ kind: 'postgresql', url: inDatabase(baseUrl, appDb) });
    cleanups.push(() => db.close());
    await migrate(db);
    const people = await seedDemo(db);
    const server = await startServer({ db, rateLimitPerMinute: 100_000_000 }, 0, '127.0.0.1');
    cleanups.push(() => server.close(1_000));
    const post = client(server);
    const lead = await createToken(db, people.leadId);
    const experts: Expert[] = [];
    for (let i = 0; i < o.experts; i++) {
      const id = await createUser(db, { teamId: people.teamId, name: `Bench expert ${i + 1}`, role: 'expert' });
      experts.push({ id, token: await createToken(db, id) });
    }

    const tps = await pgbenchTps(inDatabase(baseUrl, pgbenchDb), o.experts, o.pgbenchSeconds);
    const baseline = `pgbench simple-update ${count(tps)} tps, ${o.experts} clients`;
    const claims = await claimAll(db, post, lead, people.teamId, experts, o);
    const ingest = await ingestAll(db, post, experts, o);
    return [
      {
        benchmark: 'server claim on PostgreSQL: claims/s ÷ pgbench simple-update tps',
        measured: `${(claims.claimsPerSecond / tps).toPrecision(2)} (${claims.line}; ${baseline})`,
        budget: '— (no double assignment: checked)',
      },
      {
        benchmark: 'server ingest on PostgreSQL: batches/s ÷ pgbench simple-update tps',
        measured: `${(ingest.batchesPerSecond / tps).toPrecision(2)} (${ingest.line}; a batch is one transaction)`,
        budget: '—',
      },
    ];
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`cleanup failed: ${(error as Error).message}`);
      }
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [experts, tasks, submissions] = process.argv.slice(2).map(Number);
  for (const figure of await benchServer({
    ...(experts ? { experts } : {}),
    ...(tasks ? { tasks } : {}),
    ...(submissions ? { submissions } : {}),
  }))
    console.log(figureLine(figure));
}
