/** Teams and users: created by the CLI and the demo seed, never through the API. */
import { randomUUID } from 'node:crypto';
import type { Specialty, UserRole } from '../utils/schema';
import type { Queryable } from './db/database';

export async function createTeam(db: Queryable, name: string): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [id, name]);
  return id;
}

export async function createUser(
  db: Queryable,
  user: { teamId: string; name: string; role: UserRole; specialty?: Specialty },
): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO users (id, team_id, name, role, specialty) VALUES ($1, $2, $3, $4, $5)', [
    id,
    user.teamId,
    user.name,
    user.role,
    user.specialty ?? null,
  ]);
  return id;
}
