/**
 * The task server's refusals reach a clinician as sentences they can act on:
 * those they meet on their own in the extension's words, others in the
 * server's, and a reply that is not the server's as that.
 */
import { afterEach, expect, test, vi } from 'vitest';
import { ApiProblem, fetchProjects } from '../../utils/api-client';

const server = { url: 'http://127.0.0.1:8787', token: 'att_test' };

function answering(status: number, body: unknown): void {
  vi.stubGlobal('fetch', async () => Response.json(body, { status, headers: { 'Content-Type': 'application/json' } }));
}

afterEach(() => vi.unstubAllGlobals());

async function problemOf(call: Promise<unknown>): Promise<ApiProblem> {
  const problem = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(problem).toBeInstanceOf(ApiProblem);
  return problem as ApiProblem;
}

test("the server's database out of reach: what happens to the reviews, and what to do", async () => {
  answering(503, {
    error: {
      code: 'database_unavailable',
      message: 'The database did not answer; the request may not have been applied',
    },
  });
  const problem = await problemOf(fetchProjects(server));
  expect(problem.status).toBe(503);
  expect(problem.message).toBe(
    'The task server cannot reach its database just now. Your reviews are kept and sent by themselves once it can; if this lasts, tell your lead.',
  );
});

test("another refusal in the server's own words, with its status", async () => {
  answering(404, { error: { code: 'not_found', message: 'No project p1 in your team' } });
  expect((await problemOf(fetchProjects(server))).message).toBe('No project p1 in your team (HTTP 404)');
});
