/**
 * A unit of assigned work. The kind decides what the task carries: a response
 * to review, several to rank, a rubric to grade against, or instructions for
 * writing a prompt. Expected answers (gold) never travel to the expert.
 */
import { z } from 'zod';
import { hasPositivePoints, NO_POSITIVE_POINTS, RubricCriterion, Specialty } from './clinical';
import { LIMITS } from './limits';

const text = z.string().min(1).max(LIMITS.turnText);

const TaskResponse = z.strictObject({
  label: z.string().min(1).max(20),
  model: z.string().min(1).max(200).optional(),
  content: text,
});

const common = {
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'Task ids use letters, digits and . _ : -'),
  title: z.string().min(1).max(300),
  specialty: Specialty,
  estimatedMinutes: z.int().min(1).max(600),
  difficulty: z.int().min(1).max(3).optional(),
};

export const Task = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('review_response'), ...common, prompt: text, response: TaskResponse }),
    z.strictObject({ kind: z.literal('correct_chain_of_thought'), ...common, prompt: text, response: TaskResponse }),
    z.strictObject({
      kind: z.literal('rank_responses'),
      ...common,
      prompt: text,
      responses: z.array(TaskResponse).min(2).max(20),
      /** The reviewer must say why, in a short rationale. */
      rationaleRequired: z.boolean().optional(),
    }),
    z.strictObject({
      kind: z.literal('rubric_grade'),
      ...common,
      prompt: text,
      response: TaskResponse,
      rubric: z.array(RubricCriterion).min(1).max(100).refine(hasPositivePoints, NO_POSITIVE_POINTS),
    }),
    z.strictObject({
      kind: z.literal('write_prompt'),
      ...common,
      instructions: text,
      requirements: z.array(z.string().min(1).max(4000)).max(50),
    }),
  ])
  .meta({ id: 'Task' });
export type Task = z.infer<typeof Task>;

const AssignmentStatus = z.enum(['reserved', 'assigned', 'submitted', 'returned']);

/** A task as one expert sees it: their own assignment's state. */
export const AssignedTask = z
  .strictObject({
    task: Task,
    status: AssignmentStatus,
    assignedAt: z.iso.datetime(),
    dueAt: z.iso.datetime().optional(),
    /** A claimed task is reserved until then; past it, it returns to the pool. */
    expiresAt: z.iso.datetime().optional(),
    /** The project the task belongs to, if any (its guidelines apply). */
    projectId: z.uuid().optional(),
    /** The lead's comment when the task was returned. */
    returnComment: z.string().optional(),
    /** A second rating of a task this expert rated before (after a washout; their earlier answer is not shown). */
    rerating: z.literal(true).optional(),
  })
  .meta({ id: 'AssignedTask' });
export type AssignedTask = z.infer<typeof AssignedTask>;
