import { describe, expect, it } from 'vitest';
import { projectAgreement, type RatedReview } from '../../utils/agreement/project';
import { cohenKappa, krippendorffAlpha } from '../../utils/agreement/stats';
import type { Review } from '../../utils/schema/review';

const expert = (n: number) => ({ id: `e${n}`, name: `Expert ${n}` });
const base = { comment: '', activeMs: 0 };
const verdict = (kind: 'approve' | 'improve'): Review =>
  kind === 'approve' ? { kind, turn: 1, ...base } : { kind, turn: 1, rewrite: 'Better.', ...base };

describe('projectAgreement', () => {
  const plan: [string, ('approve' | 'improve')[]][] = [
    ['t1', ['approve', 'approve', 'improve']],
    ['t2', ['improve', 'improve', 'improve']],
    ['t3', ['approve', 'approve', 'approve']],
    ['t4', ['approve', 'improve', 'improve']],
  ];
  const reviews: RatedReview[] = plan.flatMap(([taskId, verdicts]) =>
    verdicts.map((v, i) => ({
      taskId,
      expert: expert(i),
      review: verdict(v),
      ...(taskId === 't2' ? { gold: { verdict: 'improve' } } : {}),
    })),
  );

  it('measures verdict agreement with Krippendorff, Fleiss and, per expert, Cohen', () => {
    const report = projectAgreement(reviews);
    const table = plan.map(([, vs]) => vs);
    expect(report.sharedTasks).toBe(4);
    expect(report.verdict.alpha).toBeCloseTo(krippendorffAlpha(table, 'nominal'), 10);
    expect(report.verdict.fleissKappa).not.toBeNull();
    const e0 = report.experts.find((e) => e.id === 'e0');
    const with1 = cohenKappa(
      table.map((r) => r[0] ?? ''),
      table.map((r) => r[1] ?? ''),
    );
    const with2 = cohenKappa(
      table.map((r) => r[0] ?? ''),
      table.map((r) => r[2] ?? ''),
    );
    expect(e0?.verdictKappa).toBeCloseTo((with1 + with2) / 2, 10);
    expect(e0).toMatchObject({ reviews: 4, goldItems: 1, goldAccuracy: 1 });
  });

  it('measures step ratings per step, rubric scores per task and rankings per task', () => {
    const steps = (ratings: (1 | 0 | -1)[]): Review => ({
      kind: 'steps',
      turn: 1,
      source: 'answer',
      steps: ratings.map((rating, i) => ({ text: `s${i}`, rating })),
      finish: 'gave_up',
      ...base,
    });
    const rubric = (met: boolean): Review => ({
      kind: 'rubric',
      turn: 1,
      criteria: [
        { id: 'a', criterion: 'A', points: 5, tags: [], met },
        { id: 'b', criterion: 'B', points: 5, tags: [], met: true },
      ],
      ...base,
    });
    const rank = (order: number[]): Review => ({
      kind: 'rank',
      ranking: order.map((turn, i) => ({ turn, rank: i + 1 })),
      ...base,
    });
    const report = projectAgreement([
      { taskId: 's', expert: expert(0), review: steps([1, 1, -1]) },
      { taskId: 's', expert: expert(1), review: steps([1, 0, -1]) },
      { taskId: 'r', expert: expert(0), review: rubric(true) },
      { taskId: 'r', expert: expert(1), review: rubric(false) },
      { taskId: 'k', expert: expert(0), review: rank([1, 2, 3]) },
      { taskId: 'k', expert: expert(1), review: rank([1, 2, 3]) },
    ]);
    expect(report.steps.units).toBe(3);
    expect(report.steps.alpha).toBeCloseTo(
      krippendorffAlpha(
        [
          [1, 1],
          [1, 0],
          [-1, -1],
        ],
        'ordinal',
      ),
      10,
    );
    expect(report.rubric.units).toBe(1);
    expect(report.ranking).toEqual({ meanKendallW: 1, tasks: 1 });
    expect(report.experts.find((e) => e.id === 'e0')?.rankingTau).toBe(1);
  });

  it('answers null where the data cannot say', () => {
    const report = projectAgreement([{ taskId: 'solo', expert: expert(0), review: verdict('approve') }]);
    expect(report.verdict).toEqual({ alpha: null, fleissKappa: null, units: 0 });
    expect(report.experts[0]).toMatchObject({ verdictKappa: null, rankingTau: null, goldAccuracy: null });
  });
});
