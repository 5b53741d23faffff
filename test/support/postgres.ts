/**
 * A throwaway PostgreSQL server for the server tests: vitest's global setup of
 * the `server-postgresql` project. With TEST_DATABASE_URL set it uses that
 * server; otherwise it starts a cluster of the installed PostgreSQL in a
 * temporary directory on a free loopback port (pg-cluster.ts), and removes it
 * afterwards. Each test then gets a database of its own (see
 * test/unit/server/harness.ts).
 */
import type { TestProject } from 'vitest/node';
import { startCluster } from './pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('databaseUrl', given);
    return undefined;
  }
  const cluster = await startCluster();
  project.provide('databaseUrl', cluster.url);
  return cluster.stop;
}
