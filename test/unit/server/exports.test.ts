import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROW_SCHEMAS } from '../../../utils/export/schemas';
import type { Review, Submission } from '../../../utils/schema';
import { sampleSubmission } from '../support/samples';
import { type Harness, harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.db.close());

const reviews: Review[] = [
  { kind: 'approve', turn: 1, comment: '', activeMs: 10 },
  { kind: 'improve', turn: 1, rewrite: 'Yes: qSOFA 2 (RR ≥22, SBP ≤100).', comment: 'Threshold', activeMs: 20 },
  { kind: 'pairwise', a: 1, b: 2, preference: 'a_better', comment: '', activeMs: 30 },
  {
    kind: 'steps',
    turn: 1,
    source: 'answer',
    steps: [{ text: 'Yes: qSOFA is 2.', rating: 1 }],
    finish: 'solution_reached',
    comment: '',
    activeMs: 40,
  },
  {
    kind: 'rubric',
    turn: 1,
    criteria: [
      { id: 'r1', criterion: 'Names qSOFA', points: 5, tags: ['axis:accuracy'], met: true },
      { id: 'r2', criterion: 'Recommends dopamine', points: -5, tags: ['axis:accuracy'], met: false },
    ],
    comment: '',
    activeMs: 50,
  },
];

async function seed(): Promise<Submission[]> {
  const made = reviews.map((review) => sampleSubmission(review));
  const res = await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions: made } });
  expect(res.status).toBe(200);
  return made;
}

async function exported(
  path: string,
  token = h.leadToken,
): Promise<{ status: number; type: string | null; text: string }> {
  const res = await h.call('GET', `/v1/exports/${path}`, { token });
  return { status: res.status, type: res.headers.get('Content-Type'), text: await res.text() };
}

const jsonl = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

describe('exports', () => {
  it.each(['trl-preference', 'trl-unpaired', 'trl-stepwise', 'prm800k', 'healthbench', 'arena'] as const)(
    '%s streams JSONL rows that validate against the format',
    async (format) => {
      await seed();
      const { status, type, text } = await exported(format);
      expect(status).toBe(200);
      expect(type).toBe('application/x-ndjson');
      const rows = jsonl(text);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(ROW_SCHEMAS[format].safeParse(row).success).toBe(true);
    },
  );

  it('csv has its header and one line per submission; label-studio is one JSON array', async () => {
    await seed();
    const csv = await exported('csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]?.startsWith('id,')).toBe(true);
    expect(lines).toHaveLength(1 + reviews.length);
    const studio = JSON.parse((await exported('label-studio')).text);
    expect(studio).toHaveLength(reviews.length);
  });

  it('pseudonymises reviewers by default, stably, and names them only when asked', async () => {
    await seed();
    const first = jsonl((await exported('prm800k')).text)[0];
    const again = jsonl((await exported('prm800k')).text)[0];
    expect(first.labeler).toMatch(/^reviewer-[0-9a-f]{16}$/);
    expect(first.labeler).toBe(again.labeler);
    expect(JSON.stringify(first)).not.toContain(h.expertId);
    expect(jsonl((await exported('prm800k?pseudonymise=false')).text)[0].labeler).toBe(h.expertId);
  });

  it('exports only what leads accepted, when asked', async () => {
    const [approved, improved] = await seed();
    const audit = (submissionId: string | undefined, action: 'accept' | 'reject') =>
      h.call('POST', '/v1/audits', {
        token: h.leadToken,
        body: {
          id: randomUUID(),
          submissionId,
          action,
          comment: action === 'reject' ? 'No.' : '',
          createdAt: new Date().toISOString(),
        },
      });
    await audit(approved?.id, 'accept');
    await audit(improved?.id, 'reject');
    const ids = (q: string) =>
      exported(`csv?${q}`).then((r) =>
        r.text
          .trim()
          .split('\r\n')
          .slice(1)
          .map((l) => l.split(',')[0]),
      );
    expect(await ids('status=accepted')).toEqual([approved?.id]);
    expect(await ids('status=unrejected')).not.toContain(improved?.id);
    expect(await ids('status=unrejected')).toHaveLength(reviews.length - 1);
  });

  it('pages through any number of submissions, losing none, in the order received', async () => {
    const made: string[] = [];
    for (let batch = 0; batch < 12; batch++) {
      const submissions = Array.from({ length: 100 }, () => sampleSubmission());
      made.push(...submissions.map((s) => s.id));
      await h.call('POST', '/v1/submissions/batch', { token: h.expertToken, body: { submissions } });
    }
    const ids = (await exported('csv')).text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(ids).toHaveLength(1200);
    expect(new Set(ids)).toEqual(new Set(made));
  });

  it('is for leads, and refuses an unknown format naming the field', async () => {
    expect((await exported('csv', h.expertToken)).status).toBe(403);
    const res = await h.call('GET', '/v1/exports/parquet', { token: h.leadToken });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('format');
  });
});
