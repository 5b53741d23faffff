/** A team lead's decision on a submission. */
import { z } from 'zod';
import { LIMITS } from './limits';

const AuditAction = z.enum(['accept', 'reject', 'return']);

export const Audit = z
  .strictObject({
    id: z.uuid(),
    submissionId: z.uuid(),
    action: AuditAction,
    comment: z.string().max(LIMITS.reviewerText),
    createdAt: z.iso.datetime(),
  })
  .superRefine((audit, ctx) => {
    if (audit.action !== 'accept' && audit.comment.trim() === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['comment'],
        message: 'Say why when rejecting or returning a submission',
      });
    }
  })
  .meta({ id: 'Audit' });
export type Audit = z.infer<typeof Audit>;
