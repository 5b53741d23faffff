/**
 * Every error leaves the server as `ApiError` JSON: a stable code, a sentence
 * for people, and for invalid input the path of each field at fault.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { ApiError } from '../utils/schema';

type Issue = { path: string; message: string };

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

export function issuesOf(error: ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));
}

export function invalid(issues: Issue[]): HttpError {
  const first = issues[0];
  const message = first ? `${first.path || 'body'}: ${first.message}` : 'Invalid request';
  return new HttpError(
    400,
    'invalid_request',
    issues.length > 1 ? `${message} (and ${issues.length - 1} more)` : message,
    issues,
  );
}

export function errorResponse(c: Context, error: HttpError) {
  const body: ApiError = {
    error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
  };
  return c.json(body, error.status);
}

/**
 * The answer while the database cannot be reached (see db/database's
 * DatabaseUnavailable): a 503, which clients retry with their own backoff (no
 * Retry-After: jittered backoffs spread the retries of a long outage).
 */
export function databaseUnavailable(): HttpError {
  return new HttpError(
    503,
    'database_unavailable',
    'The database did not answer; the request may not have been applied',
  );
}
