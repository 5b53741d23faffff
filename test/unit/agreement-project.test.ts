import { describe, expect, it } from 'vitest';
import { projectAgreement, type RatedReview } from '../../utils/agreement/project';
import { cohenKappa, kendallTauB, krippendorffAlpha } from '../../utils/agreement/stats';
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
    expect(report.experts[0]?.intraRater).toEqual({
      reratings: 0,
      verdictKappa: null,
      stepsAlpha: null,
      rubricAlpha: null,
      rankingTau: null,
    });
  });
});

describe('intra-rater agreement (re-ratings)', () => {
  const first: ('approve' | 'improve')[] = ['approve', 'improve', 'approve', 'improve', 'approve'];
  const again: ('approve' | 'improve')[] = ['approve', 'improve', 'improve', 'improve', 'approve'];
  const other: ('approve' | 'improve')[] = ['improve', 'improve', 'approve', 'approve', 'approve'];
  const tasks = first.map((_, i) => `t${i}`);
  const firsts: RatedReview[] = tasks.flatMap((taskId, i) => [
    { taskId, expert: expert(0), review: verdict(first[i] ?? 'approve') },
    { taskId, expert: expert(1), review: verdict(other[i] ?? 'approve') },
  ]);
  const reratings: RatedReview[] = tasks.map((taskId, i) => ({
    taskId,
    expert: expert(0),
    review: verdict(again[i] ?? 'approve'),
    rerating: true,
  }));

  it("is Cohen's kappa between an expert's first ratings and their re-ratings of the same tasks", () => {
    const report = projectAgreement([...firsts, ...reratings]);
    const e0 = report.experts.find((e) => e.id === 'e0');
    expect(e0?.intraRater.reratings).toBe(5);
    expect(e0?.intraRater.verdictKappa).toBeCloseTo(cohenKappa(first, again), 10);
    // Identical re-ratings agree perfectly.
    const same = projectAgreement([
      ...firsts,
      ...tasks.map((taskId, i) => ({
        taskId,
        expert: expert(0),
        review: verdict(first[i] ?? 'approve'),
        rerating: true as const,
      })),
    ]);
    expect(same.experts.find((e) => e.id === 'e0')?.intraRater.verdictKappa).toBe(1);
    expect(report.experts.find((e) => e.id === 'e1')?.intraRater).toMatchObject({ reratings: 0, verdictKappa: null });
  });

  it('leaves every between-expert figure, and gold accuracy, as without the re-ratings', () => {
    const gold = firsts.map((r) => (r.taskId === 't2' ? { ...r, gold: { verdict: 'approve' } } : r));
    const goldReratings = reratings.map((r) => (r.taskId === 't2' ? { ...r, gold: { verdict: 'approve' } } : r));
    const { experts: withExperts, ...withReratings } = projectAgreement([...gold, ...goldReratings]);
    const { experts: withoutExperts, ...without } = projectAgreement(gold);
    expect(withReratings).toEqual(without);
    const strip = ({ intraRater: _, ...rest }: (typeof withExperts)[number]) => rest;
    expect(withExperts.map(strip)).toEqual(withoutExperts.map(strip));
    // Expert 0 re-rated the gold task t2 wrongly (improve): their gold accuracy still counts the first rating only.
    expect(withExperts.find((e) => e.id === 'e0')).toMatchObject({ reviews: 5, goldItems: 1, goldAccuracy: 1 });
  });

  it('compares step ratings, rubric scores and rankings with the first rating, with the same statistics', () => {
    const steps = (ratings: (1 | 0 | -1)[]): Review => ({
      kind: 'steps',
      turn: 1,
      source: 'answer',
      steps: ratings.map((rating, i) => ({ text: `s${i}`, rating })),
      finish: 'gave_up',
      ...base,
    });
    const rubric = (met: boolean[]): Review => ({
      kind: 'rubric',
      turn: 1,
      criteria: met.map((m, i) => ({ id: `c${i}`, criterion: `C${i}`, points: 5, tags: [], met: m })),
      ...base,
    });
    const rank = (order: number[]): Review => ({
      kind: 'rank',
      ranking: order.map((turn, i) => ({ turn, rank: i + 1 })),
      ...base,
    });
    const e = expert(0);
    const report = projectAgreement([
      { taskId: 's', expert: e, review: steps([1, 1, -1]) },
      { taskId: 's', expert: e, review: steps([1, 0, -1]), rerating: true },
      { taskId: 'r1', expert: e, review: rubric([true, true]) },
      { taskId: 'r1', expert: e, review: rubric([true, false]), rerating: true },
      { taskId: 'r2', expert: e, review: rubric([false, false]) },
      { taskId: 'r2', expert: e, review: rubric([false, false]), rerating: true },
      { taskId: 'k', expert: e, review: rank([1, 2, 3]) },
      { taskId: 'k', expert: e, review: rank([2, 1, 3]), rerating: true },
    ]);
    const intra = report.experts[0]?.intraRater;
    expect(intra?.reratings).toBe(4);
    expect(intra?.stepsAlpha).toBeCloseTo(
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
    expect(intra?.rubricAlpha).toBeCloseTo(
      krippendorffAlpha(
        [
          [1, 0.5],
          [0, 0],
        ],
        'interval',
      ),
      10,
    );
    expect(intra?.rankingTau).toBeCloseTo(kendallTauB([1, 2, 3], [2, 1, 3]), 10);
    // Nothing between experts: there is one expert.
    expect(report.sharedTasks).toBe(0);
  });

  it('needs the first rating: a re-rating without one is no pair', () => {
    const report = projectAgreement([
      { taskId: 'lonely', expert: expert(0), review: verdict('approve'), rerating: true },
    ]);
    expect(report.experts[0]?.intraRater.reratings).toBe(0);
    expect(report.experts[0]?.reviews).toBe(0);
  });
});
