import { type Db, getSetting, setSetting } from '@/utils/storage/db';

/**
 * The server refused `token`: delivery pauses until the user signs in again.
 * Re-reads the stored sign-in first, so that a refusal of an old token never
 * overwrites a sign-in (or sign-out) that happened while the request was out.
 */
export async function markTokenRefused(db: Db, token: string): Promise<void> {
  const auth = await getSetting(db, 'auth');
  if (auth?.token !== token) return;
  await setSetting(db, 'auth', { ...auth, state: { ...auth.state, status: 'expired' } });
}
