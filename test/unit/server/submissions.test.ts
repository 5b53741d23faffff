import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SubmissionPage, SubmitBatchResult } from '../../../utils/schema/api';
import { sampleSubmission } from '../support/samples';
import { type Harness, harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.db.close());

async function count(): Promise<number> {
  const [row] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM submissions');
  return row?.n ?? -1;
}

describe('POST /v1/submissions/batch', () => {
  it('stores a batch and answers one result per submission', async () => {
    const batch = [
      sampleSubmission(),
      sampleSubmission({
        kind: 'improve',
        turn: 2,
        rewrite: 'Yes, treat now.',
        comment: 'Unsafe delay',
        activeMs: 90_000,
      }),
    ];
    const res = await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: batch } });
    expect(res.status).toBe(200);
    const body = SubmitBatchResult.parse(await res.json());
    expect(body.results.map((r) => [r.id, r.status])).toEqual(batch.map((s) => [s.id, 'created']));
    const rows = await h.db.query<{ id: string; user_id: string; body: unknown }>(
      'SELECT id, user_id, body FROM submissions ORDER BY id',
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.user_id === h.expertId)).toBe(true);
    expect(rows.find((r) => r.id === batch[1]?.id)?.body).toEqual(batch[1]);
  });

  it('treats a resent submission as a no-op that returns the stored result', async () => {
    const submission = sampleSubmission();
    const first = SubmitBatchResult.parse(
      await (
        await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: [submission] } })
      ).json(),
    );
    // Same content with keys in another order: still the same submission.
    const reordered = Object.fromEntries(Object.entries(submission).reverse());
    const again = await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: { submissions: [reordered] },
    });
    expect(again.status).toBe(200);
    const second = SubmitBatchResult.parse(await again.json());
    expect(second.results[0]).toEqual({ ...first.results[0], status: 'duplicate' });
    expect(await count()).toBe(1);
  });

  it('refuses a submission id reused for different content with 409, naming the item, and stores nothing of the batch', async () => {
    const submission = sampleSubmission();
    await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: [submission] } });
    const fresh = sampleSubmission();
    const changed = { ...submission, review: { kind: 'approve', turn: 2, comment: '', activeMs: 0 } };
    const res = await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: { submissions: [fresh, changed] },
    });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.issues[0].path).toBe('submissions.1.id');
    expect(await count()).toBe(1);
  });

  it('refuses another user replaying a stored id', async () => {
    const submission = sampleSubmission();
    await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: [submission] } });
    const res = await h.call('POST', '/v1/submissions/batch', {
      token: h.leadToken,
      body: { submissions: [submission] },
    });
    expect(res.status).toBe(409);
  });

  it('answers a malformed submission with 400 naming the field', async () => {
    const bad = sampleSubmission({ kind: 'improve', turn: 1, rewrite: '   ', comment: '', activeMs: 0 });
    const res = await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: { submissions: [sampleSubmission(), bad] },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues).toContainEqual({
      path: 'submissions.1.review.rewrite',
      message: 'A rewrite is required to improve a response',
    });
    expect(body.error.message).toContain('submissions.1.review.rewrite');
    expect(await count()).toBe(0);
  });

  it.each([
    ['a review of a user turn', { kind: 'approve', turn: 0, comment: '', activeMs: 0 }, 'submissions.0.review'],
    [
      'a turn that is not in the capture',
      { kind: 'approve', turn: 7, comment: '', activeMs: 0 },
      'submissions.0.review',
    ],
    [
      'a rewrite identical to the response',
      { kind: 'improve', turn: 1, rewrite: 'Yes: qSOFA is 2. ', comment: '', activeMs: 0 },
      'submissions.0.review.rewrite',
    ],
    [
      'a ranking with a gap',
      {
        kind: 'rank',
        ranking: [
          { turn: 1, rank: 1 },
          { turn: 2, rank: 3 },
        ],
        comment: '',
        activeMs: 0,
      },
      'submissions.0.review.ranking',
    ],
    [
      'a ranking of one response',
      { kind: 'rank', ranking: [{ turn: 1, rank: 1 }], comment: '', activeMs: 0 },
      'submissions.0.review.ranking',
    ],
    ['an unknown review kind', { kind: 'grade', turn: 1, comment: '', activeMs: 0 }, 'submissions.0.review.kind'],
  ])('refuses %s with 400 naming the field', async (_name, review, path) => {
    const res = await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: { submissions: [{ ...sampleSubmission(), review }] },
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('refuses a task that is not assigned to the submitter, naming the field', async () => {
    const res = await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: { submissions: [{ ...sampleSubmission(), taskId: 'clin-t99' }] },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0]).toEqual({
      path: 'submissions.0.taskId',
      message: 'No task "clin-t99" is assigned to you',
    });
  });

  it('marks the assignment submitted when a submission fulfils it', async () => {
    await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: { submissions: [{ ...sampleSubmission(), taskId: 'clin-t01' }] },
    });
    const { tasks } = await (await h.call('GET', '/v1/tasks/assigned', { token: h.expertToken })).json();
    expect(tasks.find((t: { task: { id: string } }) => t.task.id === 'clin-t01').status).toBe('submitted');
  });

  it('refuses text PostgreSQL cannot store (U+0000) with 400 instead of failing', async () => {
    const submission = sampleSubmission();
    const turn = submission.capture?.turns[1];
    if (turn) turn.text = 'Yes\u0000';
    const res = await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: { submissions: [submission] },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('submissions.0.capture.turns.1.text');
  });

  it('answers malformed JSON and a missing content type with clear errors', async () => {
    const malformed = await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: '{"submissions": [',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/Malformed JSON/);
    const noType = await h.app.request('/v1/submissions/batch', {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.expertToken}` },
      body: '{}',
    });
    expect(noType.status).toBe(415);
    expect((await noType.json()).error.message).toMatch(/Content-Type: application\/json/);
  });

  it('refuses an empty batch and one over the item limit', async () => {
    const empty = await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: [] } });
    expect(empty.status).toBe(400);
    const many = Array.from({ length: 101 }, () => sampleSubmission());
    const tooMany = await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: { submissions: many },
    });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error.issues[0].path).toBe('submissions');
  });
});

describe('GET /v1/submissions', () => {
  it('is for leads: an expert gets 403', async () => {
    const res = await h.call('GET', '/v1/submissions', { token: h.expertToken });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
  });

  it("pages through the team's submissions, newest first, with who made them, losing none", async () => {
    const made: string[] = [];
    for (const size of [3, 1, 4]) {
      const batch = Array.from({ length: size }, () => sampleSubmission());
      made.push(...batch.map((s) => s.id));
      await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: batch } });
    }
    // Rows of one batch share a timestamp, with microseconds that a JavaScript Date would drop.
    await h.db.query("UPDATE submissions SET received_at = received_at + interval '345 microseconds'");
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await h.call('GET', `/v1/submissions?limit=2${cursor ? `&before=${cursor}` : ''}`, {
        token: h.leadToken,
      });
      expect(res.status).toBe(200);
      const page = SubmissionPage.parse(await res.json());
      expect(page.submissions.every((s) => s.user.name === 'Dr. Ada Okafor')).toBe(true);
      seen.push(...page.submissions.map((s) => s.submission.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(made.length);
    expect(new Set(seen)).toEqual(new Set(made));
    const [first, second, third] = [made.slice(0, 3), made.slice(3, 4), made.slice(4)];
    // Newest batch first; within a batch, rows come in id order.
    expect(new Set(seen.slice(0, 4))).toEqual(new Set(third));
    expect(seen.slice(4, 5)).toEqual(second);
    expect(new Set(seen.slice(5))).toEqual(new Set(first));
  });

  it("names the project of a task's review (what a lead's fix asks), and none for a review of a page", async () => {
    const ofTask = { ...sampleSubmission(), taskId: 'clin-t01' };
    const ofPage = sampleSubmission();
    await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: [ofTask, ofPage] } });
    const page = SubmissionPage.parse(await (await h.call('GET', '/v1/submissions', { token: h.leadToken })).json());
    const projectOf = new Map(page.submissions.map((s) => [s.submission.id, s.projectId]));
    expect(projectOf).toEqual(
      new Map([
        [ofTask.id, h.projectId],
        [ofPage.id, undefined],
      ]),
    );
  });

  it('answers a replay with the stored result even after its assignment changed', async () => {
    const submission = { ...sampleSubmission(), taskId: 'clin-t01' };
    await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: [submission] } });
    await h.db.query("DELETE FROM assignments WHERE task_id = 'clin-t01'");
    const again = await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: { submissions: [submission] },
    });
    expect(again.status).toBe(200);
    expect((await again.json()).results[0].status).toBe('duplicate');
  });

  it('refuses a cursor it did not give out', async () => {
    const res = await h.call('GET', '/v1/submissions?before=bm9wZQ', { token: h.leadToken });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('before');
  });

  it("does not show another team's submissions", async () => {
    const other = await h.db.query<{ id: string }>(
      "INSERT INTO teams (id, name) VALUES (gen_random_uuid(), 'Other') RETURNING id",
    );
    const [lead] = await h.db.query<{ id: string }>(
      "INSERT INTO users (id, team_id, name, role) VALUES (gen_random_uuid(), $1, 'Other lead', 'lead') RETURNING id",
      [other[0]?.id],
    );
    const { createToken } = await import('../../../server/auth');
    const otherLead = await createToken(h.db, lead?.id ?? '');
    await h.call('POST', '/v1/submissions/batch', {
      token: h.expertToken,
      body: { submissions: [sampleSubmission()] },
    });
    const page = SubmissionPage.parse(await (await h.call('GET', '/v1/submissions', { token: otherLead })).json());
    expect(page.submissions).toEqual([]);
  });
});

describe('a submission that completes an earlier one', () => {
  it('must supersede an earlier submission of the same reviewer', async () => {
    const quick = sampleSubmission();
    await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: [quick] } });
    const detailed = {
      ...sampleSubmission({ kind: 'approve', turn: 1, comment: 'Guideline-concordant.', activeMs: 30_000 }),
      supersedes: quick.id,
    };
    expect(
      (await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: [detailed] } }))
        .status,
    ).toBe(200);
    const foreign = { ...sampleSubmission(), supersedes: quick.id };
    const res = await h.call('POST', '/v1/submissions/batch', { token: h.leadToken, body: { submissions: [foreign] } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('submissions.0.supersedes');
  });
});
