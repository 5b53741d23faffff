/**
 * More than one machine: two real server processes (`server/cli.ts serve`,
 * as an admin starts them) on one PostgreSQL, starting on an empty database
 * at the same moment, then 50 experts claiming through both alternately and
 * sending every review twice, once through each, at the same time.
 *
 * What must hold: no task gets more first-rating assignments than the
 * project's overlap; every claim ends in its submission (none lost); every
 * submission is stored once, the second copy answered as a duplicate; each
 * migration applied once; both processes log JSON lines only, and no token.
 *
 * PostgreSQL only: PGlite is one process's embedded database (a lock file
 * keeps a second server off its directory), so there is nothing to share.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createToken } from '../../../server/auth';
import { type Database, openDatabase } from '../../../server/db/database';
import { LATEST_MIGRATION } from '../../../server/db/migrate';
import { clinicalTasks, seedDemo } from '../../../server/demo/seed';
import { createUser } from '../../../server/people';
import { AssignedTask, Project, SubmitBatchResult } from '../../../utils/schema';
import { sampleSubmission } from '../support/samples';
import { DATABASE_KIND, postgresDatabase } from './harness';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXPERTS = 50;
const TASKS = 40;
const OVERLAP = 2;

type Line = Record<string, unknown>;

interface ServerProcess {
  url: string;
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Every stdout line, parsed (the test fails on one that is not JSON). */
  lines(): Line[];
  exited: Promise<number | null>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts `server/cli.ts serve` on a free loopback port; resolves once its "listening" line is out. */
function serve(databaseUrl: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (into: string[]) => {
    let partial = '';
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      into.push(...parts);
    };
  };
  child.stderr?.on('data', collect(stderr));
  const onStdout = collect(stdout);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No "listening" line in 30 s:\n${stderr.join('\n')}`)), 30_000);
    exited.then((code) => reject(new Error(`The server exited (${code}):\n${stderr.join('\n')}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      onStdout(chunk);
      const listening = stdout.map((l) => JSON.parse(l) as Line).find((l) => l.event === 'listening');
      if (!listening) return;
      clearTimeout(timer);
      resolve({
        url: String(listening.url),
        child,
        stdout,
        stderr,
        lines: () => stdout.map((l) => JSON.parse(l) as Line),
        exited,
      });
    });
  });
}

async function call(server: ServerProcess, method: string, path: string, token: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

interface Claim {
  userId: string;
  taskId: string;
  submissionId: string;
}

describe.skipIf(DATABASE_KIND !== 'postgresql')('two server processes on one PostgreSQL', () => {
  it(`hand ${EXPERTS} concurrent experts tasks within the overlap, lose no claim and store each submission once`, async () => {
    // An empty database: both processes start at once and race to migrate it.
    const created = await postgresDatabase({ empty: true });
    cleanups.push(() => created.drop());
    const servers = await Promise.all([serve(created.url), serve(created.url)]);
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const db: Database = await openDatabase({ kind: 'postgresql', url: created.url });
    cleanups.push(() => db.close());

    // Each migration applied once, by whichever process took the advisory lock first.
    const migrated = servers.map((s) => s.lines().find((l) => l.event === 'migrated') ?? {});
    const files = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
    expect(migrated.map((m) => m.applied).sort((x, y) => String(x).length - String(y).length)).toEqual([
      [],
      files.map((f) => f.name),
    ]);
    for (const m of migrated) expect(m.to).toBe(LATEST_MIGRATION);

    const people = await seedDemo(db);
    const leadToken = await createToken(db, people.leadId);
    const experts: { id: string; token: string }[] = [];
    for (let i = 0; i < EXPERTS; i++) {
      const id = await createUser(db, { teamId: people.teamId, name: `Expert ${i}`, role: 'expert' });
      experts.push({ id, token: await createToken(db, id) });
    }

    const made = await call(a, 'POST', '/v1/projects', leadToken, { name: 'Two machines', overlap: OVERLAP });
    expect(made.status).toBe(201);
    const project = Project.parse(await made.json());
    const base = clinicalTasks();
    const tasks = Array.from({ length: TASKS }, (_, i) => {
      const task = base[i % base.length];
      if (!task) throw new Error('No demo task');
      return { task: { ...task, id: `mp-${i}` } };
    });
    const added = await call(b, 'POST', `/v1/projects/${project.id}/tasks`, leadToken, { tasks });
    expect(added.status).toBe(200);

    const claims: Claim[] = [];
    /** Claims until told there is nothing left, alternating processes; sends each review through both at once. */
    const work = async (expert: { id: string; token: string }, offset: number) => {
      for (let round = 0; ; round++) {
        const via = servers[(offset + round) % 2] as ServerProcess;
        const res = await call(via, 'POST', `/v1/projects/${project.id}/claim`, expert.token);
        if (res.status === 204) return;
        expect(res.status).toBe(200);
        const { task } = AssignedTask.parse(await res.json());
        const submission = { ...sampleSubmission(), taskId: task.id };
        claims.push({ userId: expert.id, taskId: task.id, submissionId: submission.id });
        const answers = await Promise.all(
          servers.map(async (server) => {
            const sent = await call(server, 'POST', '/v1/submissions/batch', expert.token, {
              submissions: [submission],
            });
            expect(sent.status).toBe(200);
            return SubmitBatchResult.parse(await sent.json()).results;
          }),
        );
        expect(
          answers
            .flat()
            .map((r) => [r.id, r.status].join(' '))
            .sort(),
        ).toEqual([`${submission.id} created`, `${submission.id} duplicate`]);
      }
    };
    await Promise.all(experts.map((expert, i) => work(expert, i)));
    // SKIP LOCKED lets a claim pass over tasks that others hold locked that instant, so an expert may have
    // been told "nothing left" too early; a sweep without contention fills what is left.
    const beforeSweep = claims.length;
    for (const [i, expert] of experts.entries()) await work(expert, i);
    console.info(`${beforeSweep} claims under contention, ${claims.length - beforeSweep} in the sweep`);

    // Never more first ratings of a task than the overlap; with enough experts, exactly the overlap.
    const perTask = await db.query<{ task_id: string; n: number }>(
      `SELECT t.id AS task_id, count(a.*)::int AS n
         FROM tasks t LEFT JOIN assignments a ON a.team_id = t.team_id AND a.task_id = t.id AND a.attempt = 1
        WHERE t.project_id = $1 GROUP BY t.id`,
      [project.id],
    );
    expect(perTask).toHaveLength(TASKS);
    expect(perTask.filter((row) => row.n !== OVERLAP)).toEqual([]);

    // No claim lost: every assignment is submitted, and the submissions are exactly the claims, once each.
    const open = await db.query(
      `SELECT a.task_id, a.user_id, a.status FROM assignments a JOIN tasks t ON t.team_id = a.team_id AND t.id = a.task_id
        WHERE t.project_id = $1 AND a.status <> 'submitted'`,
      [project.id],
    );
    expect(open).toEqual([]);
    expect(claims).toHaveLength(TASKS * OVERLAP);
    const key = (c: Claim) => `${c.submissionId} ${c.userId} ${c.taskId}`;
    const stored = await db.query<{ id: string; user_id: string; task_id: string }>(
      "SELECT id, user_id, task_id FROM submissions WHERE task_id LIKE 'mp-%'",
    );
    expect(stored.map((s) => key({ submissionId: s.id, userId: s.user_id, taskId: s.task_id })).sort()).toEqual(
      claims.map(key).sort(),
    );
    expect(new Set(claims.map((c) => `${c.userId} ${c.taskId}`)).size).toBe(claims.length);

    // Both processes served, logged JSON lines only, and no token; both stop cleanly on SIGTERM.
    for (const server of servers) {
      const requests = server.lines().filter((l) => l.event === 'request');
      expect(requests.filter((l) => l.path === '/v1/projects/{id}/claim').length).toBeGreaterThan(0);
      expect(requests.filter((l) => l.path === '/v1/submissions/batch').length).toBeGreaterThanOrEqual(claims.length);
      expect(server.stderr.filter((l) => l !== '')).toEqual([]);
      server.child.kill('SIGTERM');
    }
    expect(await Promise.all(servers.map((s) => s.exited))).toEqual([0, 0]);
    for (const server of servers) {
      expect(server.lines().slice(-2)).toEqual([
        expect.objectContaining({ event: 'shutdown', signal: 'SIGTERM' }),
        expect.objectContaining({ event: 'stopped' }),
      ]);
      const output = [...server.stdout, ...server.stderr].join('\n');
      for (const token of [leadToken, ...experts.map((e) => e.token)]) expect(output).not.toContain(token);
    }
  }, 90_000);
});
