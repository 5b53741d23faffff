/**
 * Bodies of the task server's HTTP API (`/v1`), shared by the server (which
 * validates requests and documents them in OpenAPI) and the extension (which
 * validates the replies it reads).
 */
import { z } from 'zod';
import { Audit } from './audit';
import { Specialty } from './clinical';
import { LIMITS } from './limits';
import { Submission } from './submission';
import { AssignedTask } from './task';

export const UserRole = z.enum(['expert', 'lead', 'admin']);
export type UserRole = z.infer<typeof UserRole>;

export const Me = z
  .strictObject({
    user: z.strictObject({
      id: z.uuid(),
      name: z.string(),
      role: UserRole,
      specialty: Specialty.optional(),
    }),
    team: z.strictObject({ id: z.uuid(), name: z.string() }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const AssignedTasks = z.strictObject({ tasks: z.array(AssignedTask) }).meta({ id: 'AssignedTasks' });
export type AssignedTasks = z.infer<typeof AssignedTasks>;

export const SubmitBatch = z
  .strictObject({ submissions: z.array(Submission).min(1).max(LIMITS.batchItems) })
  .meta({ id: 'SubmitBatch' });
export type SubmitBatch = z.infer<typeof SubmitBatch>;

export const SubmitBatchResult = z
  .strictObject({
    results: z.array(
      z.strictObject({
        id: z.uuid(),
        /** "duplicate": this id was already stored with the same content; nothing changed. */
        status: z.enum(['created', 'duplicate']),
        receivedAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'SubmitBatchResult' });
export type SubmitBatchResult = z.infer<typeof SubmitBatchResult>;

export const StoredSubmission = z
  .strictObject({
    submission: Submission,
    user: z.strictObject({ id: z.uuid(), name: z.string() }),
    receivedAt: z.iso.datetime(),
    /** The latest audit, if a lead has looked at it. */
    audit: Audit.optional(),
    /** The expert's second rating of the task (a re-rating, for rater consistency), not an independent review. */
    rerating: z.literal(true).optional(),
    /** The project of the review's task (none for a review of a page): what it asks is what a lead's fix asks. */
    projectId: z.uuid().optional(),
  })
  .meta({ id: 'StoredSubmission' });
export type StoredSubmission = z.infer<typeof StoredSubmission>;

export const SubmissionPage = z
  .strictObject({
    submissions: z.array(StoredSubmission),
    /** Pass as `before` to get the next (older) page; absent on the last page. */
    nextCursor: z.string().optional(),
  })
  .meta({ id: 'SubmissionPage' });
export type SubmissionPage = z.infer<typeof SubmissionPage>;

export const Health = z
  .strictObject({
    status: z.literal('ok'),
    database: z.enum(['pglite', 'postgresql']),
    migration: z.int(),
  })
  .meta({ id: 'Health' });

/** The 503 of /v1/health: the server runs but its database does not answer (in time). */
export const HealthUnavailable = z
  .strictObject({
    status: z.literal('unavailable'),
    database: z.enum(['pglite', 'postgresql']),
    message: z.string(),
  })
  .meta({ id: 'HealthUnavailable' });

/** Every error the API returns has this body; `issues` name the fields at fault. */
export const ApiError = z
  .strictObject({
    error: z.strictObject({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof ApiError>;

/**
 * A one-time invite code: 12 characters of Crockford base32 (60 random bits),
 * shown in groups of four. Typed codes are read leniently: case, spaces and
 * dashes do not matter, and O, I and L read as 0, 1 and 1.
 */
const INVITE_CODE = /^[0-9A-HJKMNP-TV-Z]{12}$/;

/** The code as the server looks it up, or the input unchanged if it cannot be one. */
function normalizeInviteCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** A lead invites a new member of their team (an admin may invite a lead). */
export const InviteRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    role: z.enum(['expert', 'lead']).default('expert'),
    specialty: Specialty.optional(),
    expiresInDays: z.int().min(1).max(30).default(7),
  })
  .meta({ id: 'InviteRequest' });

export const Invite = z
  .strictObject({ code: z.string(), name: z.string(), role: z.enum(['expert', 'lead']), expiresAt: z.iso.datetime() })
  .meta({ id: 'Invite' });
export type Invite = z.infer<typeof Invite>;

export const RedeemInvite = z
  .strictObject({
    code: z
      .string()
      .max(40)
      .transform(normalizeInviteCode)
      .refine((code) => INVITE_CODE.test(code), 'An invite code is 12 letters and digits, like 7K3M-Q9XT-2HBD'),
  })
  .meta({ id: 'RedeemInvite' });

/** A redeemed invite: the new member's token (shown once) and who they are. */
export const RedeemedInvite = z.strictObject({ token: z.string(), me: Me }).meta({ id: 'RedeemedInvite' });
export type RedeemedInvite = z.infer<typeof RedeemedInvite>;
