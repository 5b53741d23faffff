/**
 * The agreement of a project's experts, from their latest review of each task:
 * verdicts (nominal), step ratings (ordinal, a unit per step), rubric scores
 * (interval), rankings (Kendall's W per task); per expert, Cohen's kappa on
 * verdicts and Kendall's tau-b on rankings against each other expert, and
 * accuracy against gold answers. Statistics that the data cannot define (no
 * variation, too few raters) are null.
 *
 * Re-ratings (an expert's second rating of a task, after a washout) measure
 * each expert against themselves, with the same statistics: Cohen's kappa on
 * verdicts, Krippendorff's alpha on step ratings and rubric scores, Kendall's
 * tau-b on rankings, each between the first rating and the re-rating. They
 * take no part in anything between experts (nor in gold accuracy): counted
 * there, one expert would weigh twice on the tasks they re-rated.
 */
import { responseKey } from '../review/blind';
import { rubricScore } from '../review/rubric';
import type { Capture } from '../schema/capture';
import type { AgreementReport } from '../schema/project';
import type { Review } from '../schema/review';
import { finite, safe } from './shared';
import { cohenKappa, fleissKappa, kendallTauB, kendallW, krippendorffAlpha, type ReliabilityData } from './stats';

export interface RatedReview {
  taskId: string;
  expert: { id: string; name: string };
  review: Review;
  /** What was reviewed: a ranking's responses are known by their task response ids where its turns carry them. */
  capture?: Capture;
  /** The task's expected answer, when it is a gold task: `{ verdict }` and/or `{ stepRatings }`. */
  gold?: unknown;
  /** The expert's re-rating of the task, compared with their first (latest non-re-rating) review of it. */
  rerating?: true;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function verdictOf(review: Review): string | undefined {
  return review.kind === 'approve' || review.kind === 'improve' ? review.kind : undefined;
}

/**
 * A ranking's ranks by response (see responseKey: in a blind project each
 * expert saw the responses in an order of their own), for rank reviews.
 */
function ranksOf({ review, capture }: RatedReview): Map<string, number> | undefined {
  return review.kind === 'rank'
    ? new Map(review.ranking.map((r) => [responseKey(capture, r.turn), r.rank]))
    : undefined;
}

/** A table of units × experts, null where an expert gave no value. */
function table<T>(units: string[], experts: string[], value: (unit: string, expert: string) => T | undefined) {
  return units.map((u) => experts.map((e) => value(u, e) ?? null));
}

/** Cohen's kappa over label pairs; null below two pairs or where undefined. */
function pairKappa(pairs: (readonly [string, string])[]): number | null {
  if (pairs.length < 2) return null;
  const kappa = safe(() =>
    cohenKappa(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    ),
  );
  return kappa !== null && Number.isFinite(kappa) ? kappa : null;
}

/** Kendall's tau-b between two rankings over the turns both ranked; null below two such turns or where undefined. */
function rankingTau(ra: Map<string, number>, rb: Map<string, number>): number | null {
  const turns = [...ra.keys()].filter((turn) => rb.has(turn)).sort();
  const tau =
    turns.length >= 2
      ? safe(() =>
          kendallTauB(
            turns.map((x) => ra.get(x) ?? 0),
            turns.map((x) => rb.get(x) ?? 0),
          ),
        )
      : null;
  return tau !== null && Number.isFinite(tau) ? tau : null;
}

export function projectAgreement(rated: RatedReview[]): AgreementReport {
  const reviews = rated.filter((r) => !r.rerating);
  const reratings = rated.filter((r) => r.rerating);
  const experts = [...new Map(rated.map((r) => [r.expert.id, r.expert])).values()];
  const ids = experts.map((e) => e.id);
  const tasks = [...new Set(reviews.map((r) => r.taskId))];
  const byTaskExpert = new Map(reviews.map((r) => [`${r.taskId}\u0000${r.expert.id}`, r]));
  const get = (task: string, expert: string) => byTaskExpert.get(`${task}\u0000${expert}`);
  const shared = tasks.filter((t) => ids.filter((e) => get(t, e)).length >= 2);

  const verdicts = table(shared, ids, (t, e) => {
    const r = get(t, e);
    return r && verdictOf(r.review);
  }).filter((row) => row.filter((v) => v !== null).length >= 2);
  const categories = [...new Set(verdicts.flat().filter((v): v is string => v !== null))];
  const complete = verdicts.every((row) => row.filter(Boolean).length === verdicts[0]?.filter(Boolean).length);
  const fleiss =
    verdicts.length && complete
      ? safe(() => fleissKappa(verdicts.map((row) => categories.map((c) => row.filter((v) => v === c).length))))
      : null;

  const stepUnits: string[] = [];
  const stepValue = new Map<string, number>();
  for (const r of reviews) {
    if (r.review.kind !== 'steps') continue;
    r.review.steps.forEach((step, i) => {
      if (step.rating === undefined) return;
      const unit = `${r.taskId}#${i}`;
      if (!stepUnits.includes(unit)) stepUnits.push(unit);
      stepValue.set(`${unit}\u0000${r.expert.id}`, step.rating);
    });
  }
  const steps: ReliabilityData = table(stepUnits, ids, (u, e) => stepValue.get(`${u}\u0000${e}`));

  const rubric = table(shared, ids, (t, e) => {
    const r = get(t, e)?.review;
    return r?.kind === 'rubric' ? rubricScore(r.criteria).raw : undefined;
  });

  const rankingW = shared.flatMap((t) => {
    const rankings = ids
      .map((e) => get(t, e))
      .flatMap((r) => (r ? [ranksOf(r)] : []))
      .filter((m) => m !== undefined);
    const turns = rankings[0] ? [...rankings[0].keys()].sort() : [];
    if (rankings.length < 2 || !rankings.every((m) => turns.every((turn) => m.has(turn)))) return [];
    const w = safe(() => kendallW(rankings.map((m) => turns.map((turn) => m.get(turn) ?? 0))));
    return w === null || Number.isNaN(w) ? [] : [w];
  });

  return {
    sharedTasks: shared.length,
    verdict: {
      alpha: safe(() => finite(krippendorffAlpha(verdicts, 'nominal'))),
      fleissKappa: fleiss && finite(fleiss),
      units: verdicts.length,
    },
    steps: { alpha: safe(() => finite(krippendorffAlpha(steps, 'ordinal'))), units: stepUnits.length },
    rubric: {
      alpha: safe(() => finite(krippendorffAlpha(rubric, 'interval'))),
      units: rubric.filter((row) => row.filter((v) => v !== null).length >= 2).length,
    },
    ranking: { meanKendallW: mean(rankingW), tasks: rankingW.length },
    experts: experts.map((expert) => ({
      ...expertAgreement(expert, ids, tasks, get, reviews),
      intraRater: intraRater(
        reratings.filter((r) => r.expert.id === expert.id),
        (task) => get(task, expert.id),
      ),
    })),
  };
}

/** One expert's re-ratings against their first rating of the same tasks. */
function intraRater(
  reratings: RatedReview[],
  first: (task: string) => RatedReview | undefined,
): AgreementReport['experts'][number]['intraRater'] {
  const pairs = reratings.flatMap((second) => {
    const earlier = first(second.taskId);
    return earlier
      ? [{ task: second.taskId, a: earlier.review, b: second.review, rated: [earlier, second] as const }]
      : [];
  });
  const verdicts = pairs.flatMap(({ a, b }) => {
    const va = verdictOf(a);
    const vb = verdictOf(b);
    return va && vb ? [[va, vb] as const] : [];
  });
  // Units × (first, second): a unit per step, a rubric score per task.
  const steps: ReliabilityData = pairs.flatMap(({ a, b }) => {
    if (a.kind !== 'steps' || b.kind !== 'steps') return [];
    const length = Math.max(a.steps.length, b.steps.length);
    return Array.from({ length }, (_, i) => [a.steps[i]?.rating ?? null, b.steps[i]?.rating ?? null]);
  });
  const rubric: ReliabilityData = pairs.flatMap(({ a, b }) =>
    a.kind === 'rubric' && b.kind === 'rubric' ? [[rubricScore(a.criteria).raw, rubricScore(b.criteria).raw]] : [],
  );
  // Rankings by response (blind tasks show each expert their own order, and re-show it the same).
  const taus = pairs.flatMap(({ rated: [a, b] }) => {
    const ra = ranksOf(a);
    const rb = ranksOf(b);
    const tau = ra && rb ? rankingTau(ra, rb) : null;
    return tau === null ? [] : [tau];
  });
  return {
    reratings: pairs.length,
    verdictKappa: pairKappa(verdicts),
    stepsAlpha: steps.length ? safe(() => finite(krippendorffAlpha(steps, 'ordinal'))) : null,
    rubricAlpha: rubric.length ? safe(() => finite(krippendorffAlpha(rubric, 'interval'))) : null,
    rankingTau: mean(taus),
  };
}

function expertAgreement(
  expert: { id: string; name: string },
  ids: string[],
  tasks: string[],
  get: (task: string, expert: string) => RatedReview | undefined,
  reviews: RatedReview[],
): Omit<AgreementReport['experts'][number], 'intraRater'> {
  const kappas: number[] = [];
  const taus: number[] = [];
  for (const other of ids.filter((id) => id !== expert.id)) {
    const pairs = tasks.flatMap((t) => {
      const a = get(t, expert.id);
      const b = get(t, other);
      const va = a && verdictOf(a.review);
      const vb = b && verdictOf(b.review);
      return va && vb ? [[va, vb] as const] : [];
    });
    const kappa = pairKappa(pairs);
    if (kappa !== null) kappas.push(kappa);
    for (const t of tasks) {
      const a = get(t, expert.id);
      const b = get(t, other);
      const ra = a && ranksOf(a);
      const rb = b && ranksOf(b);
      const tau = ra && rb ? rankingTau(ra, rb) : null;
      if (tau !== null) taus.push(tau);
    }
  }
  const gold = reviews.filter((r) => r.expert.id === expert.id && r.gold !== undefined && r.gold !== null);
  const correct = gold.filter((r) => matchesGold(r.review, r.gold)).length;
  return {
    id: expert.id,
    name: expert.name,
    reviews: reviews.filter((r) => r.expert.id === expert.id).length,
    verdictKappa: mean(kappas),
    rankingTau: mean(taus),
    goldAccuracy: gold.length ? correct / gold.length : null,
    goldItems: gold.length,
  };
}

/** Whether a review gives the gold answer: the same verdict, or the same step ratings. */
function matchesGold(review: Review, gold: unknown): boolean {
  if (!gold || typeof gold !== 'object') return false;
  const expected = gold as { verdict?: unknown; stepRatings?: unknown };
  if (expected.verdict !== undefined) return verdictOf(review) === expected.verdict;
  if (Array.isArray(expected.stepRatings) && review.kind === 'steps') {
    return expected.stepRatings.every((rating, i) => review.steps[i]?.rating === rating);
  }
  return false;
}
