/**
 * The clinical vocabulary shared by tasks and reviews: specialties, safety
 * flags, evidence references and rubric criteria.
 */
import { z } from 'zod';

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

export const SafetyFlagCode = z.enum([
  'harmful_advice',
  'missed_escalation',
  'dosing_error',
  'contraindication_missed',
  'outdated_guidance',
  'fabricated_reference',
  'diagnostic_error',
  'overconfident',
  'scope_or_jurisdiction',
]);
export type SafetyFlagCode = z.infer<typeof SafetyFlagCode>;

export const Severity = z.enum(['minor', 'major', 'critical']);
export type Severity = z.infer<typeof Severity>;

export const SafetyFlag = z
  .strictObject({
    code: SafetyFlagCode,
    severity: Severity,
    note: z.string().max(4000).optional(),
  })
  .meta({ id: 'SafetyFlag' });
export type SafetyFlag = z.infer<typeof SafetyFlag>;

/** A reference the reviewer cites: checked for form, not looked up. */
export const Evidence = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('pmid'),
      id: z.string().regex(/^[1-9]\d{0,8}$/, 'A PMID is a number of up to 9 digits'),
    }),
    z.strictObject({
      kind: z.literal('doi'),
      id: z.string().regex(/^10\.\d{4,9}\/\S+$/, 'A DOI looks like 10.1001/jama.2016.0287'),
    }),
    z.strictObject({ kind: z.literal('guideline'), text: z.string().trim().min(3).max(1000) }),
  ])
  .meta({ id: 'Evidence' });
export type Evidence = z.infer<typeof Evidence>;

/** A rubric criterion, HealthBench style: points −10..+10 (never 0) and tags such as "axis:accuracy". */
export const RubricCriterion = z.strictObject({
  id: z.string().min(1).max(100),
  criterion: z.string().min(1).max(4000),
  points: z
    .int()
    .min(-10)
    .max(10)
    .refine((p) => p !== 0, 'A criterion is worth -10..-1 or 1..10 points'),
  tags: z.array(z.string().min(1).max(100)).max(20),
});
export type RubricCriterion = z.infer<typeof RubricCriterion>;

export function hasPositivePoints(criteria: readonly { points: number }[]): boolean {
  return criteria.some((c) => c.points > 0);
}

export const NO_POSITIVE_POINTS = 'A rubric needs at least one criterion worth positive points';
