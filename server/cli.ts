/**
 * The server's command line: run it, and set up teams, people, tokens and
 * tasks. `npm run server -- help` lists the commands.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { EXPORT_FORMATS } from '../utils/export/formats';
import { Specialty, UserRole } from '../utils/schema';
import { readActionLog } from './action-log';
import { createToken } from './auth';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { ensureDemo } from './demo/reviews';
import { readEnv, type ServerConfig } from './env';
import { exportLines } from './exports';
import { jsonLogger, type Logger } from './log';
import { createTeam, createUser } from './people';
import { assignTask, upsertTasks } from './resources/tasks';
import { startServer } from './serve';
import { parseTaskFile } from './task-file';

const HELP = `Usage: npm run server -- <command> [options]

  serve [--demo]                       run the server (PORT, HOST, DATABASE_URL, ATTENDING_DATA_DIR); logs
                                       one JSON object a line (events on stdout, errors on stderr);
                                       --demo seeds demo data if missing and prints sign-in tokens
  team create --name NAME              prints the team id
  user create --team ID --name NAME --role expert|lead|admin [--specialty S]
                                       prints the user id
  token create --user ID [--label L]   prints a new personal access token (shown once)
  tasks load --team ID FILE [--assign USER_ID]
                                       loads tasks from a JSON array or JSONL file
  demo seed                            adds the demo team, people and tasks; prints tokens
  export FORMAT --team ID [--project ID] [--status all|accepted|unrejected] [--identities] [--ties label]
                                       writes the team's reviews to stdout; FORMAT is one of
                                       ${EXPORT_FORMATS.join(', ')}
  log [--limit N]                      prints the latest N (default 50) entries of the action log (what
                                       leads and admins read and changed), newest first, one JSON a line
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    team: { type: 'string' },
    role: { type: 'string' },
    specialty: { type: 'string' },
    user: { type: 'string' },
    label: { type: 'string' },
    assign: { type: 'string' },
    project: { type: 'string' },
    status: { type: 'string' },
    identities: { type: 'boolean' },
    ties: { type: 'string' },
    demo: { type: 'boolean' },
    limit: { type: 'string' },
  },
});

function required(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new Error(`--${name} is required`);
  return value;
}

async function printDemoTokens(db: Database, config: { host: string; port: number }): Promise<void> {
  const demo = await ensureDemo(db, `http://${config.host}:${config.port}/demo/chat`);
  console.log(`Expert token (Dr. Ada Okafor): ${await createToken(db, demo.expertId, 'demo')}`);
  console.log(`Expert token (Dr. Priya Raman): ${await createToken(db, demo.secondExpertId, 'demo')}`);
  console.log(`Lead token   (Dr. Sam Lee):    ${await createToken(db, demo.leadId, 'demo')}`);
}

async function run(db: Database, command: string, config: ServerConfig): Promise<void> {
  switch (command) {
    case 'team create':
      console.log(await createTeam(db, required('name')));
      return;
    case 'user create':
      console.log(
        await createUser(db, {
          teamId: required('team'),
          name: required('name'),
          role: UserRole.parse(required('role')),
          ...(values.specialty ? { specialty: Specialty.parse(values.specialty) } : {}),
        }),
      );
      return;
    case 'token create':
      console.log(await createToken(db, required('user'), values.label ?? ''));
      return;
    case 'tasks load': {
      const file = positionals[2];
      if (!file) throw new Error('Give the task file: tasks load --team ID FILE');
      const teamId = required('team');
      const tasks = parseTaskFile(readFileSync(file, 'utf8'));
      await db.transaction(async (tx) => {
        await upsertTasks(
          tx,
          teamId,
          tasks.map((task) => ({ task })),
        );
        if (values.assign) {
          for (const task of tasks) await assignTask(tx, { teamId, taskId: task.id, userId: values.assign });
        }
      });
      console.log(`Loaded ${tasks.length} tasks${values.assign ? ' and assigned them' : ''}.`);
      return;
    }
    case 'demo seed':
      await printDemoTokens(db, config);
      return;
    case `export ${positionals[1]}`: {
      const format = z.enum(EXPORT_FORMATS).parse(positionals[1]);
      const lines = exportLines(
        db,
        format,
        {
          teamId: required('team'),
          ...(values.project ? { projectId: values.project } : {}),
          status: z.enum(['all', 'accepted', 'unrejected']).parse(values.status ?? 'all'),
          pseudonymise: !values.identities,
        },
        { ties: values.ties === 'label' ? 'label' : 'exclude' },
      );
      for await (const line of lines) {
        if (!process.stdout.write(line)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      }
      return;
    }
    case 'log': {
      const limit = Number(values.limit ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000) {
        throw new Error('--limit is a number of entries, 1 to 1000000');
      }
      for (const entry of await readActionLog(db, limit)) console.log(JSON.stringify(entry));
      return;
    }
    default:
      throw new Error(`Unknown command "${command}".\n\n${HELP}`);
  }
}

/** `serve`: JSON log lines (log.ts) for start, migrations, requests and shutdown. */
async function serveCommand(log: Logger): Promise<void> {
  const config = readEnv();
  const db = await openDatabase(config.database, log);
  const migrated = await migrate(db);
  log.info('migrated', { ...migrated });
  // For a person trying the server out: the tokens are printed, plainly, and never logged.
  if (values.demo) await printDemoTokens(db, config);
  const server = await startServer(
    { db, rateLimitPerMinute: config.rateLimitPerMinute, log },
    config.port,
    config.host,
  );
  log.info('listening', { url: server.url, database: db.kind, migration: migrated.to, pid: process.pid });
  const stop = async (signal: NodeJS.Signals) => {
    log.info('shutdown', { signal });
    await server.close();
    await db.close();
    log.info('stopped', {});
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const command = positionals.slice(0, 2).join(' ');
  if (command === '' || command === 'help') {
    console.log(HELP);
    return;
  }
  if (command === 'serve') {
    const log = jsonLogger();
    await serveCommand(log).catch((error: unknown) => {
      log.error('start_failed', error);
      process.exit(1);
    });
    return;
  }
  const config = readEnv();
  const db = await openDatabase(config.database);
  await migrate(db);
  try {
    await run(db, command, config);
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
