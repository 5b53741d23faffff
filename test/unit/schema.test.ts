import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clinicalTasks } from '../../server/demo/seed';
import { denseRanks } from '../../utils/ranking';
import { Audit, Capture, Review, Submission, Task } from '../../utils/schema';
import { sampleCapture, sampleSubmission } from './support/samples';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/schema');

function paths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.error?.issues.map((i) => i.path.join('.')) ?? [];
}

describe('Submission versions', () => {
  it.each(readdirSync(FIXTURES).filter((f) => /^submission-v\d+\.json$/.test(f)))(
    'still parses the stored sample %s',
    (file) => {
      const sample = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
      expect(Submission.parse(sample)).toEqual(sample);
    },
  );

  it('refuses an unknown schema version', () => {
    expect(paths(Submission.safeParse({ ...sampleSubmission(), schemaVersion: 99 }))).toEqual(['schemaVersion']);
  });
});

describe('Capture', () => {
  it('accepts a capture and refuses unknown fields, so typos are not silently dropped', () => {
    expect(Capture.safeParse(sampleCapture()).success).toBe(true);
    expect(paths(Capture.safeParse({ ...sampleCapture(), titel: 'x' }))).toEqual(['']);
  });

  it.each([
    ['a site that is not an adapter id', { site: 'Chat GPT' }, 'site'],
    ['a page address that is not a URL', { url: 'chatgpt' }, 'url'],
    ['no turns', { turns: [] }, 'turns'],
    ['a time without a zone', { capturedAt: '2026-11-25 10:00' }, 'capturedAt'],
  ])('refuses %s', (_name, change, path) => {
    expect(paths(Capture.safeParse({ ...sampleCapture(), ...change }))).toContain(path);
  });
});

describe('Review', () => {
  it('makes illegal combinations unrepresentable', () => {
    expect(paths(Review.safeParse({ kind: 'approve', turn: 1, rewrite: 'x', comment: '', activeMs: 0 }))).toEqual(['']);
    expect(paths(Review.safeParse({ kind: 'improve', turn: 1, comment: '', activeMs: 0 }))).toEqual(['rewrite']);
    expect(paths(Review.safeParse({ kind: 'approve', turn: -1, comment: '', activeMs: 0 }))).toEqual(['turn']);
    expect(paths(Review.safeParse({ kind: 'approve', turn: 1, comment: '', activeMs: 1.5 }))).toEqual(['activeMs']);
  });

  it('accepts ties in a ranking but not a response twice', () => {
    const tie = {
      kind: 'rank',
      ranking: [
        { turn: 1, rank: 1 },
        { turn: 2, rank: 1 },
      ],
      comment: '',
      activeMs: 0,
    };
    expect(Review.safeParse(tie).success).toBe(true);
    const twice = {
      ...tie,
      ranking: [
        { turn: 1, rank: 1 },
        { turn: 1, rank: 2 },
      ],
    };
    expect(Review.safeParse(twice).error?.issues[0]?.message).toBe('Each response may appear only once');
  });
});

describe('denseRanks', () => {
  it('keeps order and ties and closes gaps', () => {
    expect(denseRanks([3, 1, 3, 7])).toEqual([2, 1, 2, 3]);
    expect(denseRanks([2, 2])).toEqual([1, 1]);
  });
});

describe('Task', () => {
  it('parses every kind of the clinical fixture', () => {
    expect(new Set(clinicalTasks().map((t) => t.kind))).toEqual(
      new Set(['review_response', 'correct_chain_of_thought', 'rank_responses', 'rubric_grade', 'write_prompt']),
    );
  });

  it('refuses a rubric with no positive points and a ranking of one response', () => {
    const tasks = clinicalTasks();
    const rubric = tasks.find((t) => t.kind === 'rubric_grade');
    const rank = tasks.find((t) => t.kind === 'rank_responses');
    if (rubric?.kind !== 'rubric_grade' || rank?.kind !== 'rank_responses') throw new Error('fixture changed');
    const negative = { ...rubric, rubric: rubric.rubric.map((c) => ({ ...c, points: -Math.abs(c.points) })) };
    expect(Task.safeParse(negative).error?.issues[0]?.message).toMatch(/positive points/);
    expect(paths(Task.safeParse({ ...rank, responses: rank.responses.slice(0, 1) }))).toEqual(['responses']);
  });
});

describe('Audit', () => {
  const base = {
    id: '9a1d7c2e-1f3b-4c5d-8e9f-0a1b2c3d4e5f',
    submissionId: '5f0d6a3e-8c1b-4f7a-9e2d-3b4c5d6e7f80',
    createdAt: '2026-11-25T10:00:00.000Z',
  };
  it('needs a reason to reject or return, not to accept', () => {
    expect(Audit.safeParse({ ...base, action: 'accept', comment: '' }).success).toBe(true);
    expect(paths(Audit.safeParse({ ...base, action: 'return', comment: ' ' }))).toEqual(['comment']);
  });
});

describe('review kinds of the clinician', () => {
  const base = { comment: '', activeMs: 0 };
  const ok = (review: unknown) => Review.safeParse(review).success;

  it('a pairwise choice compares two different responses on an 8-point scale', () => {
    expect(ok({ kind: 'pairwise', a: 1, b: 2, preference: 'both_bad', ...base })).toBe(true);
    expect(paths(Review.safeParse({ kind: 'pairwise', a: 1, b: 1, preference: 'tie', ...base }))).toEqual(['b']);
    expect(paths(Review.safeParse({ kind: 'pairwise', a: 1, b: 2, preference: 'a_best', ...base }))).toEqual([
      'preference',
    ]);
  });

  it('step ratings are +1/0/−1, given in order, and "found an error" needs a −1', () => {
    const steps = [{ text: 'a', rating: 1 }, { text: 'b', rating: -1, rewrite: 'b, corrected' }, { text: 'c' }];
    expect(ok({ kind: 'steps', turn: 1, source: 'reasoning', steps, finish: 'found_error', ...base })).toBe(true);
    const gap = [{ text: 'a', rating: 1 }, { text: 'b' }, { text: 'c', rating: 0 }];
    expect(
      paths(Review.safeParse({ kind: 'steps', turn: 1, source: 'answer', steps: gap, finish: 'gave_up', ...base })),
    ).toEqual(['steps.2.rating']);
    const allGood = [{ text: 'a', rating: 1 }];
    expect(
      paths(
        Review.safeParse({ kind: 'steps', turn: 1, source: 'answer', steps: allGood, finish: 'found_error', ...base }),
      ),
    ).toEqual(['finish']);
    expect(
      paths(
        Review.safeParse({
          kind: 'steps',
          turn: 1,
          source: 'answer',
          steps: [{ text: 'a', rating: 2 }],
          finish: 'gave_up',
          ...base,
        }),
      ),
    ).toEqual(['steps.0.rating']);
  });

  it('a rubric grade needs a criterion worth positive points', () => {
    const criteria = [{ id: 'r1', criterion: 'Harmful', points: -5, tags: [], met: false }];
    const result = Review.safeParse({ kind: 'rubric', turn: 1, criteria, ...base });
    expect(result.error?.issues[0]?.message).toBe('A rubric needs at least one criterion worth positive points');
  });

  it('checks evidence for form, and each safety flag is set once', () => {
    const review = (extra: object) => ({ kind: 'approve', turn: 1, ...base, ...extra });
    expect(
      ok(
        review({
          evidence: [
            { kind: 'pmid', id: '26903338' },
            { kind: 'doi', id: '10.1001/jama.2016.0287' },
          ],
        }),
      ),
    ).toBe(true);
    expect(paths(Review.safeParse(review({ evidence: [{ kind: 'pmid', id: 'PMC123' }] })))).toEqual(['evidence.0.id']);
    expect(paths(Review.safeParse(review({ evidence: [{ kind: 'doi', id: 'jama.2016' }] })))).toEqual([
      'evidence.0.id',
    ]);
    const flag = { code: 'dosing_error', severity: 'critical' };
    expect(paths(Review.safeParse(review({ safetyFlags: [flag, flag] })))).toEqual(['safetyFlags']);
    expect(paths(Review.safeParse(review({ confidence: 6 })))).toEqual(['confidence']);
  });

  it('only a written prompt may come without a capture', () => {
    const prompt = {
      kind: 'prompt',
      prompt: 'A 58-year-old man…',
      referenceAnswer: 'No.',
      keyPoints: ['ACR 2015'],
      difficulty: 2,
      specialty: 'diagnostic_radiology',
      ...base,
    };
    const { capture: _, ...withoutCapture } = sampleSubmission();
    expect(Submission.safeParse({ ...withoutCapture, review: prompt }).success).toBe(true);
    expect(paths(Submission.safeParse(withoutCapture))).toEqual(['capture']);
  });
});
