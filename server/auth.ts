/**
 * Bearer-token authentication and role checks. Tokens are 256 random bits; the
 * database holds only their SHA-256, and a request is matched by hashing the
 * presented token and looking the hash up, so no secret is ever compared
 * byte by byte in application code.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { UserRole } from '../utils/schema';
import type { Queryable } from './db/database';
import { HttpError } from './errors';

export interface AuthUser {
  id: string;
  name: string;
  role: UserRole;
  specialty: string | null;
  teamId: string;
  teamName: string;
}

export type AuthEnv = { Variables: { user: AuthUser } };

const TOKEN_PREFIX = 'att_';

function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256 of a secret (a token, an invite code), as the database keeps it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createToken(db: Queryable, userId: string, label = ''): Promise<string> {
  const token = newToken();
  await db.query('INSERT INTO tokens (hash, user_id, label) VALUES ($1, $2, $3)', [hashToken(token), userId, label]);
  return token;
}

export function authenticate(db: Queryable): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new HttpError(401, 'unauthorized', 'Send a personal access token: Authorization: Bearer <token>');
    }
    // The presented token is hashed and the hash looked up in SQL (the primary key of `tokens`): no secret is
    // compared in JavaScript, so there is no comparison to make constant-time. What an index look-up's timing
    // could reveal is how far a hash matched a stored one, and nobody can choose a token by its SHA-256.
    const [user] = await db.query<AuthUser>(
      `SELECT u.id, u.name, u.role, u.specialty, u.team_id AS "teamId", t.name AS "teamName"
         FROM tokens k JOIN users u ON u.id = k.user_id JOIN teams t ON t.id = u.team_id
        WHERE k.hash = $1 AND k.revoked_at IS NULL`,
      [hashToken(match[1])],
    );
    if (!user) {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new HttpError(
        401,
        'invalid_token',
        'This token is not valid: it is mistyped, revoked or from another server',
      );
    }
    c.set('user', user);
    await next();
  };
}

export function requireRole(user: AuthUser, ...roles: UserRole[]): void {
  if (!roles.includes(user.role)) {
    throw new HttpError(
      403,
      'forbidden',
      `This needs the role ${roles.join(' or ')}; you are signed in as ${user.role}`,
    );
  }
}
