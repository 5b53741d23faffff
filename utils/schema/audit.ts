/** A team lead's decision on a submission. */
import { z } from 'zod';
import { LIMITS } from './limits';
import { Review } from './review';

/** accept; fix (accept the lead's corrected review, the original kept); reject; return to the expert. */
export const AuditAction = z.enum(['accept', 'fix', 'reject', 'return']);
export type AuditAction = z.infer<typeof AuditAction>;

export const Audit = z
  .strictObject({
    id: z.uuid(),
    submissionId: z.uuid(),
    action: AuditAction,
    comment: z.string().max(LIMITS.reviewerText),
    /** The lead's corrected review, for "fix". */
    review: Review.optional(),
    createdAt: z.iso.datetime(),
  })
  .superRefine((audit, ctx) => {
    if ((audit.action === 'reject' || audit.action === 'return') && audit.comment.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Say why when rejecting or returning a submission' });
    }
    if ((audit.action === 'fix') !== (audit.review !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['review'],
        message: audit.action === 'fix' ? 'A fix carries the corrected review' : 'Only a fix carries a review',
      });
    }
  })
  .meta({ id: 'Audit' });
export type Audit = z.infer<typeof Audit>;

export const AuditBatch = z
  .strictObject({ audits: z.array(Audit).min(1).max(LIMITS.batchItems) })
  .meta({ id: 'AuditBatch' });
