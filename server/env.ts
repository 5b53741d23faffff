/** The server's configuration, read from the environment once and validated. */
import { resolve } from 'node:path';
import { z } from 'zod';
import type { DatabaseConfig } from './db/database';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  ATTENDING_DATA_DIR: z.string().min(1).default('.attending/data'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
});

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  rateLimitPerMinute: number;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid server configuration:\n${problems}`);
  }
  const { PORT, HOST, DATABASE_URL, ATTENDING_DATA_DIR, RATE_LIMIT_PER_MINUTE } = parsed.data;
  return {
    port: PORT,
    host: HOST,
    rateLimitPerMinute: RATE_LIMIT_PER_MINUTE,
    database: DATABASE_URL
      ? { kind: 'postgresql', url: DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(ATTENDING_DATA_DIR) },
  };
}
