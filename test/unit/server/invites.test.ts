/** Invites: a lead's one-time code, exchanged once for a new member's account and token. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToken } from '../../../server/auth';
import { createUser } from '../../../server/people';
import { Invite, Me, RedeemedInvite } from '../../../utils/schema';
import { type Harness, harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.db.close());

async function invite(body: object = { name: 'Dr. Lucía Ortega', specialty: 'cardiology' }, token = h.leadToken) {
  const res = await h.call('POST', '/v1/invites', { token, body });
  expect(res.status).toBe(201);
  return Invite.parse(await res.json());
}

const redeem = (code: string) => h.call('POST', '/v1/invites/redeem', { body: { code } });

describe('invites', () => {
  it('are made by a lead, and a typed code becomes the new member’s account and token, once', async () => {
    const made = await invite();
    expect(made.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(Date.parse(made.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    // Only the code's hash is stored.
    const stored = await h.db.query<{ code_hash: string }>('SELECT code_hash FROM invites');
    expect(JSON.stringify(stored)).not.toContain(made.code.replaceAll('-', ''));

    // Typed as people type: lower case, spaces instead of dashes.
    const res = await redeem(` ${made.code.toLowerCase().replaceAll('-', ' ')} `);
    expect(res.status).toBe(200);
    const { token, me } = RedeemedInvite.parse(await res.json());
    expect(me.user).toMatchObject({ name: 'Dr. Lucía Ortega', role: 'expert', specialty: 'cardiology' });
    expect(me.team.id).toBe(h.teamId);
    const who = Me.parse(await (await h.call('GET', '/v1/me', { token })).json());
    expect(who).toEqual(me);

    const again = await redeem(made.code);
    expect(again.status).toBe(410);
    expect((await again.json()).error.code).toBe('invite_used');
  });

  it('refuse an expired, an unknown or a malformed code, each in words the member can act on', async () => {
    const made = await invite();
    await h.db.query("UPDATE invites SET expires_at = now() - interval '1 minute'");
    const expired = await redeem(made.code);
    expect(expired.status).toBe(410);
    expect((await expired.json()).error.message).toBe('This invite code has expired: ask your lead for a new one');
    expect((await redeem('0000-0000-0000')).status).toBe(410);
    const malformed = await redeem('not a code');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.issues).toEqual([
      { path: 'code', message: 'An invite code is 12 letters and digits, like 7K3M-Q9XT-2HBD' },
    ]);
    // Nobody was made by any of these.
    expect(await h.db.query("SELECT 1 FROM users WHERE name = 'Dr. Lucía Ortega'")).toEqual([]);
  });

  it('read O, I and L as the digits they stand for', async () => {
    const made = await invite();
    const typed = made.code.replaceAll('0', 'O').replaceAll('1', 'l');
    expect((await redeem(typed)).status).toBe(200);
  });

  it('come from leads and admins only; only an admin invites a lead', async () => {
    expect((await h.call('POST', '/v1/invites', { token: h.expertToken, body: { name: 'X' } })).status).toBe(403);
    expect(
      (await h.call('POST', '/v1/invites', { token: h.leadToken, body: { name: 'X', role: 'lead' } })).status,
    ).toBe(403);
    const admin = await createToken(h.db, await createUser(h.db, { teamId: h.teamId, name: 'Admin', role: 'admin' }));
    const lead = await invite({ name: 'Dr. New Lead', role: 'lead' }, admin);
    const res = await redeem(lead.code);
    expect(RedeemedInvite.parse(await res.json()).me.user.role).toBe('lead');
  });

  it('are recorded in the action log when a lead makes one', async () => {
    await invite();
    const [entry] = await h.db.query<{ path: string }>("SELECT path FROM action_log WHERE path = '/v1/invites'");
    expect(entry?.path).toBe('/v1/invites');
  });
});
