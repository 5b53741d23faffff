/**
 * What the reviewer decided about one or more responses of a capture. Each kind
 * of review is its own shape, so a rewrite cannot exist without "improve" and a
 * ranking cannot exist without several responses.
 *
 * `turn` fields are indexes into the capture's turns; the submission schema
 * checks that they point at assistant turns.
 */
import { z } from 'zod';
import { LIMITS } from './limits';

/** An index into a capture's turns. */
export const turnIndex = z
  .int()
  .min(0)
  .max(LIMITS.turns - 1);

const common = {
  comment: z.string().max(LIMITS.reviewerText),
  /** Active time on the review (panel visible and focused), in milliseconds. */
  activeMs: z
    .int()
    .min(0)
    .max(7 * 24 * 3600 * 1000),
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

export const Review = z.discriminatedUnion('kind', [ApproveReview, ImproveReview, RankReview]).meta({ id: 'Review' });
export type Review = z.infer<typeof Review>;

/** The assistant turns a review is about, in the review's own order. */
export function reviewedTurns(review: Review): number[] {
  return review.kind === 'rank' ? review.ranking.map((r) => r.turn) : [review.turn];
}
