/**
 * A unit of assigned work. The kind decides what the task carries: a response
 * to review, several to rank, a rubric to grade against, or instructions for
 * writing a prompt. Expected answers (gold) never travel to the expert.
 */
import { z } from 'zod';
import { hasPositivePoints, NO_POSITIVE_POINTS, RubricCriterion, Specialty } from './clinical';
import { LIMITS } from './limits';

const text = z.string().min(1).max(LIMITS.turnText);

const ID = /^[A-Za-z0-9._:-]{1,100}$/;

const TaskResponse = z.strictObject({
  /**
   * The response's own id within its task. The capture turn made from it
   * carries it as `messageId`, so a review maps back to this response (and its
   * model) whatever order the responses were shown in. The server gives one to
   * each response of a ranking that has none. Experts see it: it must not name
   * the model in a blind project.
   */
  id: z.string().regex(ID, 'Response ids use letters, digits and . _ : -').optional(),
  label: z.string().min(1).max(20),
  model: z.string().min(1).max(200).optional(),
  content: text,
});
export type TaskResponse = z.infer<typeof TaskResponse>;

/** What every kind of task carries. */
export const taskCommon = {
  id: z.string().regex(ID, 'Task ids use letters, digits and . _ : -'),
  title: z.string().min(1).max(300),
  specialty: Specialty,
  estimatedMinutes: z.int().min(1).max(600),
  difficulty: z.int().min(1).max(3).optional(),
};

export const Task = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('review_response'), ...taskCommon, prompt: text, response: TaskResponse }),
    z.strictObject({
      kind: z.literal('correct_chain_of_thought'),
      ...taskCommon,
      prompt: text,
      response: TaskResponse,
    }),
    z.strictObject({
      kind: z.literal('rank_responses'),
      ...taskCommon,
      prompt: text,
      responses: z
        .array(TaskResponse)
        .min(2)
        .max(20)
        .superRefine((responses, ctx) => {
          const seen = new Set<string>();
          responses.forEach((response, i) => {
            if (response.id === undefined) return;
            if (seen.has(response.id)) {
              ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Each response of a task needs its own id' });
            }
            seen.add(response.id);
          });
        }),
      /** The reviewer must say why, in a short rationale. */
      rationaleRequired: z.boolean().optional(),
    }),
    z.strictObject({
      kind: z.literal('rubric_grade'),
      ...taskCommon,
      prompt: text,
      response: TaskResponse,
      rubric: z.array(RubricCriterion).min(1).max(100).refine(hasPositivePoints, NO_POSITIVE_POINTS),
    }),
    z.strictObject({
      kind: z.literal('write_prompt'),
      ...taskCommon,
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
