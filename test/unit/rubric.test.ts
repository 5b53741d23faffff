import { describe, expect, it } from 'vitest';
import tasksFile from '../../server/demo/clinical/tasks.json';
import { clinicalTasks } from '../../server/demo/seed';
import { axisScores, rubricScore } from '../../utils/review/rubric';

describe('rubricScore', () => {
  it.each([
    ['clin-t09', 19, 35, 0.543],
    ['clin-t10', 29, 34, 0.853],
  ])('reproduces the expected score of %s (%i / %i)', (id, met, possible, score) => {
    const task = clinicalTasks().find((t) => t.id === id);
    const fixture = tasksFile.tasks.find((t) => t.id === id) as {
      expected_criteria_met: { id: string; met: boolean }[];
    };
    if (task?.kind !== 'rubric_grade') throw new Error('fixture changed');
    const metIds = new Set(fixture.expected_criteria_met.filter((c) => c.met).map((c) => c.id));
    const result = rubricScore(task.rubric.map((c) => ({ ...c, met: metIds.has(c.id) })));
    expect(result).toMatchObject({ met, possible });
    expect(result.score).toBeCloseTo(score, 3);
  });

  it('subtracts met negative criteria, and clips the score to [0, 1] but not the raw ratio', () => {
    const harm = { points: -8, met: true, tags: [] };
    expect(rubricScore([{ points: 5, met: false, tags: [] }, harm])).toEqual({
      met: -8,
      possible: 5,
      raw: -1.6,
      score: 0,
    });
    expect(rubricScore([{ points: 5, met: true, tags: [] }])).toEqual({ met: 5, possible: 5, raw: 1, score: 1 });
  });

  it('scores nothing when no point can be earned', () => {
    expect(rubricScore([{ points: -3, met: false, tags: [] }]).score).toBe(0);
  });
});

describe('axisScores', () => {
  it('scores each axis over its own criteria', () => {
    const criteria = [
      { points: 10, met: true, tags: ['level:example', 'axis:accuracy'] },
      { points: 5, met: false, tags: ['axis:accuracy'] },
      { points: 4, met: true, tags: ['axis:completeness'] },
      { points: -5, met: true, tags: ['axis:completeness'] },
      { points: -2, met: false, tags: ['axis:communication_quality'] },
    ];
    expect(axisScores(criteria).map(({ axis, score }) => [axis, score.met, score.possible])).toEqual([
      ['accuracy', 10, 15],
      ['completeness', -1, 4],
    ]);
  });
});
