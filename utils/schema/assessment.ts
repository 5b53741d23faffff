/**
 * The clinical assessment of one response, on the axes physician evaluations
 * share (Med-PaLM's human evaluation, HealthBench, QUEST): consensus,
 * incorrect and missing content, harm (extent and likelihood, apart), triage,
 * context seeking, uncertainty, fit for the audience, bias, and an overall
 * score. A project can switch axes off and declare questions of its own,
 * which the panel renders from the declaration alone.
 */
import { z } from 'zod';
import { LIMITS } from './limits';

const YES_NO_NA = ['yes', 'no', 'not_applicable'] as const;
const EXTENT = ['none', 'minor', 'significant'] as const;

/** Each axis's answers, in the order the form offers them. */
export const AXIS_SCALES = {
  consensus: ['aligned', 'not_aligned', 'no_consensus'],
  incorrect: EXTENT,
  omission: EXTENT,
  harmExtent: ['none', 'mild_moderate', 'severe_or_death'],
  harmLikelihood: ['low', 'medium', 'high'],
  triage: ['appropriate', 'under_triage', 'over_triage', 'not_applicable'],
  contextSeeking: YES_NO_NA,
  uncertainty: YES_NO_NA,
  audienceFit: YES_NO_NA,
  bias: YES_NO_NA,
} as const;
export type ScaledAxis = keyof typeof AXIS_SCALES;

/** The parts a project switches on or off; harm is one part of two questions. */
export const AXIS_PARTS = [
  'consensus',
  'incorrect',
  'omission',
  'harm',
  'triage',
  'contextSeeking',
  'uncertainty',
  'audienceFit',
  'bias',
  'overall',
] as const;
export const AxisPart = z.enum(AXIS_PARTS);
export type AxisPart = z.infer<typeof AxisPart>;

/** The axes of a part. */
export function axesOf(part: AxisPart): (ScaledAxis | 'overall')[] {
  return part === 'harm' ? ['harmExtent', 'harmLikelihood'] : [part];
}

/** The answers of each axis that count against the response: any of them asks for a rationale. */
export const NEGATIVE: { [A in ScaledAxis]: readonly (typeof AXIS_SCALES)[A][number][] } = {
  consensus: ['not_aligned'],
  incorrect: ['minor', 'significant'],
  omission: ['minor', 'significant'],
  harmExtent: ['mild_moderate', 'severe_or_death'],
  harmLikelihood: ['medium', 'high'],
  triage: ['under_triage', 'over_triage'],
  contextSeeking: ['no'],
  uncertainty: ['no'],
  audienceFit: ['no'],
  // The question is whether there is a bias or equity concern: "yes" is the negative answer.
  bias: ['yes'],
};
/** An overall score at or below this counts against the response too. */
export const NEGATIVE_OVERALL = 2;

const slug = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lowercase letters, digits and _ (up to 40), starting with a letter');
const label = z.string().trim().min(1).max(500);

const questionCommon = {
  id: slug,
  label,
  /** A line of guidance under the question. */
  help: z.string().max(2000).optional(),
  /** The panel will not submit without an answer. */
  required: z.boolean().optional(),
};

const options = z
  .array(z.strictObject({ value: slug, label }))
  .min(2, 'Offer at least two options')
  .max(30)
  .refine((list) => new Set(list.map((o) => o.value)).size === list.length, 'Option values must be unique');

export const Question = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('single'), ...questionCommon, options }),
    z.strictObject({ type: z.literal('multi'), ...questionCommon, options }),
    z.strictObject({
      type: z.literal('likert'),
      ...questionCommon,
      /** Points on the scale, answered 1..points. */
      points: z.int().min(3).max(11),
      lowLabel: label,
      highLabel: label,
    }),
    z
      .strictObject({
        type: z.literal('number'),
        ...questionCommon,
        min: z.number().optional(),
        max: z.number().optional(),
        integer: z.boolean().optional(),
        unit: z.string().max(40).optional(),
      })
      .refine((q) => q.min === undefined || q.max === undefined || q.min <= q.max, {
        path: ['max'],
        message: 'max must not be below min',
      }),
    z.strictObject({
      type: z.literal('text'),
      ...questionCommon,
      maxLength: z.int().min(1).max(LIMITS.reviewerText).optional(),
    }),
  ])
  .meta({ id: 'Question' });
export type Question = z.infer<typeof Question>;

/** What a project asks on every response review. */
export const AssessmentConfig = z
  .strictObject({
    /** The standard axes shown, in the form's order; all by default. */
    parts: z
      .array(AxisPart)
      .refine((parts) => new Set(parts).size === parts.length, 'Each part may be listed once')
      .default([...AXIS_PARTS]),
    /** The project's own questions, after the standard axes. */
    questions: z
      .array(Question)
      .max(50)
      .superRefine((questions, ctx) => {
        const seen = new Set<string>();
        questions.forEach((q, i) => {
          if (seen.has(q.id))
            ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Question id "${q.id}" is used twice` });
          seen.add(q.id);
        });
      })
      .default([]),
  })
  .meta({ id: 'AssessmentConfig' });
export type AssessmentConfig = z.infer<typeof AssessmentConfig>;

/** A project's answer to a declared question: checked against the declaration by `answerProblems`. */
const Answer = z.union([z.string().max(LIMITS.reviewerText), z.array(slug).max(30), z.number()]);
export type Answer = z.infer<typeof Answer>;

const scale = <A extends ScaledAxis>(axis: A) => z.enum(AXIS_SCALES[axis]).optional();

export const Assessment = z
  .strictObject({
    consensus: scale('consensus'),
    incorrect: scale('incorrect'),
    omission: scale('omission'),
    harmExtent: scale('harmExtent'),
    harmLikelihood: scale('harmLikelihood'),
    triage: scale('triage'),
    contextSeeking: scale('contextSeeking'),
    uncertainty: scale('uncertainty'),
    audienceFit: scale('audienceFit'),
    bias: scale('bias'),
    overall: z.int().min(1).max(5).optional(),
    /** Why: required when any axis is negative or a safety flag is set (see `rationaleReasons`). */
    rationale: z.string().trim().max(LIMITS.reviewerText).optional(),
    /** Answers to the project's own questions, by question id. */
    answers: z.record(slug, Answer).optional(),
  })
  .meta({ id: 'Assessment' });
export type Assessment = z.infer<typeof Assessment>;
