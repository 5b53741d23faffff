/**
 * Invites: a lead makes a one-time code for a new member of the team (an
 * admin may invite a lead); the member types it into the extension, which
 * exchanges it here, once, for their new account and personal token. The
 * exchange needs no token (it is how one is got); a code carries 60 random
 * bits, lapses after at most 30 days and works once, so guessing one is out of
 * reach without a rate limit of its own.
 */
import { randomInt } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import {
  ApiError,
  Invite,
  InviteRequest,
  type Me,
  RedeemedInvite,
  RedeemInvite,
  type Specialty,
} from '../../utils/schema';
import { type Api, bearer, type Deps, errorResponses, jsonBody, jsonReply } from '../api';
import { createToken, hashToken, requireRole } from '../auth';
import { HttpError } from '../errors';
import { createUser } from '../people';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newCode(): string {
  return Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** As people read and type it: three groups of four. */
const grouped = (code: string) => code.match(/.{4}/g)?.join('-') ?? code;

const createInvite = createRoute({
  method: 'post',
  path: '/v1/invites',
  summary: 'Invite a new member of your team: a one-time code (leads invite experts; admins, leads too)',
  security: bearer,
  request: { body: jsonBody(InviteRequest) },
  responses: { 201: jsonReply(Invite, 'The invite; its code is shown this once'), ...errorResponses },
});

const redeemInvite = createRoute({
  method: 'post',
  path: '/v1/invites/redeem',
  summary: 'Exchange an invite code, once, for the new member’s account and personal token (no token needed)',
  request: { body: jsonBody(RedeemInvite) },
  responses: {
    200: jsonReply(RedeemedInvite, 'The new account and its token'),
    400: jsonReply(ApiError, 'Not an invite code'),
    410: jsonReply(ApiError, 'The code is unknown, used or expired'),
  },
});

export function registerInvites(app: Api, { db }: Deps): void {
  app.openapi(createInvite, async (c) => {
    const user = c.get('user');
    requireRole(user, 'lead', 'admin');
    const invite = c.req.valid('json');
    if (invite.role === 'lead') requireRole(user, 'admin');
    const code = newCode();
    const [row] = await db.query<{ expires_at: Date }>(
      `INSERT INTO invites (code_hash, team_id, name, role, specialty, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))
       RETURNING expires_at`,
      [hashToken(code), user.teamId, invite.name, invite.role, invite.specialty ?? null, user.id, invite.expiresInDays],
    );
    if (!row) throw new Error('The invite was not stored');
    return c.json(
      { code: grouped(code), name: invite.name, role: invite.role, expiresAt: row.expires_at.toISOString() },
      201,
    );
  });

  app.openapi(redeemInvite, async (c) => {
    const hash = hashToken(c.req.valid('json').code);
    const redeemed = await db.transaction(async (tx) => {
      const [invite] = await tx.query<{
        team_id: string;
        team_name: string;
        name: string;
        role: 'expert' | 'lead';
        specialty: Specialty | null;
        expired: boolean;
        redeemed: boolean;
      }>(
        `SELECT i.team_id, t.name AS team_name, i.name, i.role, i.specialty,
                i.expires_at <= now() AS expired, i.redeemed_at IS NOT NULL AS redeemed
           FROM invites i JOIN teams t ON t.id = i.team_id
          WHERE i.code_hash = $1
          FOR UPDATE OF i`,
        [hash],
      );
      if (!invite)
        throw new HttpError(
          410,
          'invite_invalid',
          'This invite code is not known: check it, or ask your lead for a new one',
        );
      if (invite.redeemed)
        throw new HttpError(410, 'invite_used', 'This invite code was already used: ask your lead for a new one');
      if (invite.expired)
        throw new HttpError(410, 'invite_expired', 'This invite code has expired: ask your lead for a new one');
      const userId = await createUser(tx, {
        teamId: invite.team_id,
        name: invite.name,
        role: invite.role,
        ...(invite.specialty ? { specialty: invite.specialty } : {}),
      });
      await tx.query('UPDATE invites SET redeemed_at = now(), user_id = $2 WHERE code_hash = $1', [hash, userId]);
      const token = await createToken(tx, userId, 'invite');
      const me: Me = {
        user: {
          id: userId,
          name: invite.name,
          role: invite.role,
          ...(invite.specialty ? { specialty: invite.specialty } : {}),
        },
        team: { id: invite.team_id, name: invite.team_name },
      };
      return { token, me };
    });
    return c.json(redeemed, 200);
  });
}
