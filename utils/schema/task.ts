/**
 * A unit of assigned work. The kind decides what the task carries: a response
 * to review, several to rank, a rubric to grade against, or instructions for
 * writing a prompt. Expected answers (gold) never travel to the expert.
 */
import { z } from 'zod';
import { LIMITS } from './limits';

export const Specialty = z.enum([
  'internal_medicine',
  'emergency_medicine',
  'cardiology',
  'general_surgery',
  'diagnostic_radiology',
  'critical_care',
  'other',
]);
export type Specialty = z.infer<typeof Specialty>;

const text = z.string().min(1).max(LIMITS.turnText);

const TaskResponse = z.strictObject({
  label: z.string().min(1).max(20),
  model: z.string().min(1).max(200).optional(),
  content: text,
});

const RubricCriterion = z.strictObject({
  id: z.string().min(1).max(100),
  criterion: z.string().min(1).max(4000),
  points: z
    .int()
    .min(-10)
    .max(10)
    .refine((p) => p !== 0, 'A criterion is worth -10..-1 or 1..10 points'),
  tags: z.array(z.string().min(1).max(100)).max(20),
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
    }),
    z.strictObject({
      kind: z.literal('rubric_grade'),
      ...common,
      prompt: text,
      response: TaskResponse,
      rubric: z
        .array(RubricCriterion)
        .min(1)
        .max(100)
        .refine((r) => r.some((c) => c.points > 0), 'A rubric needs at least one criterion worth positive points'),
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

const AssignmentStatus = z.enum(['assigned', 'submitted', 'returned']);

/** A task as one expert sees it: their own assignment's state. */
export const AssignedTask = z
  .strictObject({
    task: Task,
    status: AssignmentStatus,
    assignedAt: z.iso.datetime(),
    dueAt: z.iso.datetime().optional(),
    /** The lead's comment when the task was returned. */
    returnComment: z.string().optional(),
  })
  .meta({ id: 'AssignedTask' });
export type AssignedTask = z.infer<typeof AssignedTask>;
