/**
 * The Hono app type every resource registers its routes on, and the pieces of
 * route declarations that all of them share.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { ApiError } from '../utils/schema';
import type { AuthEnv } from './auth';
import type { Database } from './db/database';
import { errorResponse, invalid, issuesOf } from './errors';
import type { Logger } from './log';

export type Api = OpenAPIHono<AuthEnv>;

export interface Deps {
  db: Database;
  /** Requests a minute allowed per user (see rate-limit.ts). */
  rateLimitPerMinute?: number;
  /** Draws in [0, 1) for mixing in gold tasks; tests make it deterministic. */
  random?: () => number;
  /** Where request lines and errors go (log.ts); without one, errors only, on stderr. */
  log?: Logger;
}

export function newApi(): Api {
  return new OpenAPIHono<AuthEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return errorResponse(c, invalid(issuesOf(result.error)));
    },
  });
}

const errorContent = { 'application/json': { schema: ApiError } };

/** The error replies every authenticated route can give, for the OpenAPI document. */
export const errorResponses = {
  400: { description: 'Invalid request; `issues` name the fields at fault', content: errorContent },
  401: { description: 'Missing or invalid token', content: errorContent },
  403: { description: 'Your role may not do this', content: errorContent },
} as const;

export const bearer = [{ bearer: [] }];

export function jsonBody<T>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } } as const;
}

export function jsonReply<T>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}
