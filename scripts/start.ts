/**
 * `npm start`: the whole product on this machine. Starts the task server on
 * the embedded database with demo data, builds the extension, prints the
 * sign-in tokens and what to load, and, where there is a display and a
 * Chromium, opens it with the extension loaded on the demo chat page.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createToken } from '../server/auth';
import { openDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { ensureDemo } from '../server/demo/reviews';
import { readEnv } from '../server/env';
import { startServer } from '../server/serve';

const EXTENSION = resolve('.output/chrome-mv3');
const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-for-testing'];

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const config = readEnv();
  say('Building the extension…');
  try {
    execFileSync('npx', ['wxt', 'build'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`Building the extension failed:\n${(error as { stderr?: Buffer }).stderr ?? error}`);
  }

  const db = await openDatabase(config.database);
  await migrate(db);
  const demo = await ensureDemo(db, `http://${config.host}:${config.port}/demo/chat`);
  const expertToken = await createToken(db, demo.expertId, 'npm start');
  const leadToken = await createToken(db, demo.leadId, 'npm start');
  const secondExpertToken = await createToken(db, demo.secondExpertId, 'npm start');
  const server = await startServer({ db, rateLimitPerMinute: config.rateLimitPerMinute }, config.port, config.host);
  const demoPage = `${server.url}/demo/chat`;

  say();
  const storage = config.database.kind === 'pglite' ? `embedded database in ${config.database.dataDir}` : 'PostgreSQL';
  say(`Attending task server: ${server.url}  (${storage})`);
  say(`Demo chat page:        ${demoPage}`);
  say(`API description:       ${server.url}/v1/openapi.json`);
  say();
  say('Sign in from the extension popup with the server address above and a token:');
  say(`  expert (Dr. Ada Okafor):  ${expertToken}`);
  say(`  expert (Dr. Priya Raman): ${secondExpertToken}`);
  say(`  lead   (Dr. Sam Lee):     ${leadToken}`);
  say('  (as the lead, open the demo chat page: its first response has two reviews to audit)');
  say();
  say(`The extension is built in ${EXTENSION}`);
  say('  Chromium/Chrome: chrome://extensions → Developer mode → Load unpacked → choose that folder.');
  say(
    `  Firefox: about:debugging → This Firefox → Load Temporary Add-on → ${resolve('.output/firefox-mv3/manifest.json')} (after npm run build).`,
  );

  let browser: ChildProcess | undefined;
  const executable = BROWSERS.find((b) => existsSync(b));
  if ((process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && executable) {
    browser = spawn(
      executable,
      [
        `--user-data-dir=${resolve('.attending/browser-profile')}`,
        `--disable-extensions-except=${EXTENSION}`,
        `--load-extension=${EXTENSION}`,
        '--no-first-run',
        demoPage,
      ],
      { stdio: 'ignore' },
    );
    say();
    say(`Opened ${executable} with the extension on the demo page.`);
  }
  say();
  say('Press Ctrl+C to stop.');

  const stop = async () => {
    browser?.kill();
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
