/**
 * Requests per token, limited by a token bucket: each token may make
 * `perMinute` requests a minute, in bursts up to that many. Over the limit the
 * answer is 429 with Retry-After, which the extension's outbox honours.
 *
 * Kept in the process's memory: with several server processes each applies
 * the limit on its own (a client gets at most that many times the limit).
 */
import type { MiddlewareHandler } from 'hono';
import type { AuthEnv } from './auth';
import { HttpError } from './errors';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export function rateLimit(perMinute: number, now: () => number = Date.now): MiddlewareHandler<AuthEnv> {
  const buckets = new Map<string, Bucket>();
  const refillPerMs = perMinute / 60_000;
  return async (c, next) => {
    const key = c.get('user').id;
    const at = now();
    const bucket = buckets.get(key) ?? { tokens: perMinute, updatedAt: at };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.updatedAt) * refillPerMs);
    bucket.updatedAt = at;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const seconds = Math.ceil((1 - bucket.tokens) / refillPerMs / 1000);
      c.header('Retry-After', String(seconds));
      throw new HttpError(429, 'rate_limited', `Too many requests: try again in ${seconds} s`);
    }
    bucket.tokens -= 1;
    await next();
  };
}
