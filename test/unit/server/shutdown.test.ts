import { afterEach, beforeEach, expect, it } from 'vitest';
import { startServer } from '../../../server/serve';
import { sampleSubmission } from '../support/samples';
import { type Harness, harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.db.close());

it('shuts down gracefully: a request in flight completes, nothing is half-written, new ones are refused', async () => {
  const server = await startServer({ db: h.db }, 0, '127.0.0.1');
  const submissions = Array.from({ length: 100 }, () => sampleSubmission());
  const inFlight = fetch(`${server.url}/v1/submissions/batch`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${h.expertToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ submissions }),
  });
  // Close as soon as the request has reached the server.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const closed = server.close();
  const response = await inFlight;
  expect(response.status).toBe(200);
  await closed;
  const [row] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM submissions');
  expect(row?.n).toBe(100);
  await expect(fetch(`${server.url}/v1/health`)).rejects.toThrow();
});
