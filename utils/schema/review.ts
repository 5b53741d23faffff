/**
 * What the reviewer decided about one or more responses of a capture. Each kind
 * of review is its own shape, so a rewrite cannot exist without "improve" and a
 * ranking cannot exist without several responses.
 *
 * `turn` fields are indexes into the capture's turns; the submission schema
 * checks that they point at assistant turns (and that passage quotes are in them).
 */
import { z } from 'zod';
import { Assessment } from './assessment';
import { turnIndex } from './capture';
import {
  Evidence,
  hasPositivePoints,
  NO_POSITIVE_POINTS,
  RubricCriterion,
  SafetyFlag,
  SafetyFlagCode,
  Specialty,
} from './clinical';
import { LIMITS } from './limits';
import { PassageComment } from './passage';

const text = (max: number = LIMITS.reviewerText) => z.string().max(max);

/** What every review carries besides its verdict. */
const common = {
  comment: text(),
  /** Active time on the review (panel visible and focused), in milliseconds. */
  activeMs: z
    .int()
    .min(0)
    .max(7 * 24 * 3600 * 1000),
  safetyFlags: z
    .array(SafetyFlag)
    .max(SafetyFlagCode.options.length)
    .refine((flags) => new Set(flags.map((f) => f.code)).size === flags.length, 'Each safety flag may be set once')
    .optional(),
  /** The specialty the reviewer judged from. */
  specialty: Specialty.optional(),
  /** How sure the reviewer is, 1 (not at all) to 5 (certain). */
  confidence: z.int().min(1).max(5).optional(),
  evidence: z.array(Evidence).max(20).optional(),
  /** The clinical assessment of the response (absent from quick ratings and written prompts). */
  assessment: Assessment.optional(),
  /** The reviewer confirmed that what the PHI guard flagged in their text is not real patient data. */
  phiConfirmed: z.literal(true).optional(),
  /** Comments on passages of the reviewed responses; the submission checks that each quote is in its response. */
  passages: z.array(PassageComment).max(100).optional(),
};

const ApproveReview = z
  .strictObject({ kind: z.literal('approve'), turn: turnIndex, ...common })
  .meta({ id: 'ApproveReview' });

const ImproveReview = z
  .strictObject({
    kind: z.literal('improve'),
    turn: turnIndex,
    rewrite: z.string().trim().min(1, 'A rewrite is required to improve a response').max(LIMITS.turnText),
    ...common,
  })
  .meta({ id: 'ImproveReview' });

const RankReview = z
  .strictObject({
    kind: z.literal('rank'),
    /** Every response of the group with its rank: 1 is best; equal ranks are ties. */
    ranking: z
      .array(z.strictObject({ turn: turnIndex, rank: z.int().min(1) }))
      .min(2, 'A ranking needs at least two responses')
      .max(20),
    ...common,
  })
  .superRefine((review, ctx) => {
    const turns = review.ranking.map((r) => r.turn);
    if (new Set(turns).size !== turns.length) {
      ctx.addIssue({ code: 'custom', path: ['ranking'], message: 'Each response may appear only once' });
    }
    // Dense ranks (1, 1, 2 …): the best is 1 and no rank is skipped, so equal
    // rankings have exactly one representation.
    const ranks = [...new Set(review.ranking.map((r) => r.rank))].sort((a, b) => a - b);
    if (ranks.some((rank, i) => rank !== i + 1)) {
      ctx.addIssue({ code: 'custom', path: ['ranking'], message: 'Ranks must start at 1 and skip no number' });
    }
  })
  .meta({ id: 'RankReview' });

/** A choice between exactly two responses, with its strength. */
export const PREFERENCES = [
  'a_much_better',
  'a_better',
  'a_slightly_better',
  'tie',
  'b_slightly_better',
  'b_better',
  'b_much_better',
  'both_bad',
] as const;

const PairwiseReview = z
  .strictObject({
    kind: z.literal('pairwise'),
    a: turnIndex,
    b: turnIndex,
    preference: z.enum(PREFERENCES),
    ...common,
  })
  .refine((review) => review.a !== review.b, { path: ['b'], message: 'Compare two different responses' })
  .meta({ id: 'PairwiseReview' });

/** PRM800K's step ratings: +1 correct and useful, 0 not wrong but no progress (or ambiguous), −1 wrong. */
export const StepRating = z.union([z.literal(1), z.literal(0), z.literal(-1)]);
export type StepRating = z.infer<typeof StepRating>;

export const FINISH_REASONS = ['solution_reached', 'found_error', 'bad_problem', 'gave_up'] as const;

const StepsReview = z
  .strictObject({
    kind: z.literal('steps'),
    turn: turnIndex,
    /** Whether the steps come from the response's reasoning or from its answer. */
    source: z.enum(['reasoning', 'answer']),
    steps: z
      .array(
        z.strictObject({
          text: z.string().min(1).max(LIMITS.turnText),
          /** Absent for steps after the reviewer stopped (at the first error, PRM800K-style). */
          rating: StepRating.optional(),
          /** The corrected step, when the reviewer improved it. */
          rewrite: z.string().trim().min(1).max(LIMITS.turnText).optional(),
        }),
      )
      .min(1)
      .max(500),
    finish: z.enum(FINISH_REASONS),
    /** The reviewer's corrected continuation from the first error on. */
    continuation: text(LIMITS.turnText).optional(),
    ...common,
  })
  .superRefine((review, ctx) => {
    const firstUnrated = review.steps.findIndex((s) => s.rating === undefined);
    review.steps.forEach((step, i) => {
      if (firstUnrated >= 0 && i > firstUnrated && step.rating !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'rating'],
          message: 'Rate the steps in order: an earlier step is not rated',
        });
      }
      if (step.rewrite !== undefined && step.rating === undefined) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'rewrite'], message: 'Rate a step before improving it' });
      }
    });
    if (firstUnrated === 0)
      ctx.addIssue({ code: 'custom', path: ['steps', 0, 'rating'], message: 'Rate at least the first step' });
    if (review.finish === 'found_error' && !review.steps.some((s) => s.rating === -1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['finish'],
        message: 'Mark the wrong step (−1) to finish with "found an error"',
      });
    }
  })
  .meta({ id: 'StepsReview' });

const RubricReview = z
  .strictObject({
    kind: z.literal('rubric'),
    turn: turnIndex,
    criteria: z
      .array(RubricCriterion.extend({ met: z.boolean() }))
      .min(1)
      .max(100)
      .refine(hasPositivePoints, NO_POSITIVE_POINTS)
      .refine(
        (criteria) => new Set(criteria.map((c) => c.id)).size === criteria.length,
        'Criterion ids must be unique',
      ),
    /** Criteria the reviewer proposes adding to the rubric. */
    proposed: z
      .array(RubricCriterion.omit({ id: true }))
      .max(20)
      .optional(),
    ...common,
  })
  .meta({ id: 'RubricReview' });

const PromptReview = z
  .strictObject({
    kind: z.literal('prompt'),
    prompt: z.string().trim().min(1).max(LIMITS.turnText),
    referenceAnswer: z.string().trim().min(1).max(LIMITS.turnText),
    keyPoints: z.array(z.string().trim().min(1).max(4000)).min(1).max(50),
    difficulty: z.int().min(1).max(3),
    ...common,
    specialty: Specialty,
  })
  .meta({ id: 'PromptReview' });

export const Review = z
  .discriminatedUnion('kind', [
    ApproveReview,
    ImproveReview,
    RankReview,
    PairwiseReview,
    StepsReview,
    RubricReview,
    PromptReview,
  ])
  .meta({ id: 'Review' });
export type Review = z.infer<typeof Review>;

/** The assistant turns a review is about, in the review's own order (none for a written prompt). */
export function reviewedTurns(review: Review): number[] {
  switch (review.kind) {
    case 'rank':
      return review.ranking.map((r) => r.turn);
    case 'pairwise':
      return [review.a, review.b];
    case 'prompt':
      return [];
    default:
      return [review.turn];
  }
}
