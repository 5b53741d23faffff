/**
 * HealthBench-style rubric scoring: the points of the criteria met, divided by
 * the points available (the sum of the positive ones). A met negative
 * criterion (a harmful statement, say) subtracts. The score shown is clipped
 * to [0, 1]; the raw ratio is kept too, since HealthBench clips only the mean
 * over examples.
 */
export interface ScoredCriterion {
  points: number;
  met: boolean;
  tags: readonly string[];
}

export interface RubricScore {
  /** Sum of the points of the criteria met (negative ones subtract). */
  met: number;
  /** Sum of the positive points: the most a response can earn. */
  possible: number;
  /** met / possible, unclipped. */
  raw: number;
  /** raw clipped to [0, 1]. */
  score: number;
}

export function rubricScore(criteria: readonly ScoredCriterion[]): RubricScore {
  const met = criteria.reduce((sum, c) => sum + (c.met ? c.points : 0), 0);
  const possible = criteria.reduce((sum, c) => sum + Math.max(0, c.points), 0);
  const raw = possible > 0 ? met / possible : 0;
  return { met, possible, raw, score: Math.min(1, Math.max(0, raw)) };
}

/**
 * The score on each axis (tags "axis:accuracy", "axis:completeness", …), over
 * the criteria with that axis; axes with no positive points have no score.
 */
export function axisScores(criteria: readonly ScoredCriterion[]): { axis: string; score: RubricScore }[] {
  const axes = [
    ...new Set(criteria.flatMap((c) => c.tags.filter((t) => t.startsWith('axis:')).map((t) => t.slice(5)))),
  ];
  return axes
    .map((axis) => ({ axis, score: rubricScore(criteria.filter((c) => c.tags.includes(`axis:${axis}`))) }))
    .filter(({ score }) => score.possible > 0);
}
