import { NotFound, ValidationFailed } from '@journey/conduit-rules';
import { deleteFollow, insertFollow } from '@journey/conduit-sql/profiles';
import type { ConduitDatabase } from '@journey/conduit-sql/schema';
import type { Profile } from '@journey/contract';
import type { Kysely } from 'kysely';
import { now } from '../shared/now.js';
import { authorIn, profilesOf } from '../shared/profiles.js';

async function userIdOf(db: Kysely<ConduitDatabase>, username: string): Promise<number> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (!row) throw new NotFound('profile');
  return row.id;
}

async function seenBy(db: Kysely<ConduitDatabase>, viewerId: number | null, userId: number) {
  const profiles = await profilesOf(db, viewerId, [userId]);
  return { profile: authorIn(profiles, userId, 'profile') };
}

export async function profile(
  db: Kysely<ConduitDatabase>,
  viewerId: number | null,
  username: string,
): Promise<{ profile: Profile }> {
  return seenBy(db, viewerId, await userIdOf(db, username));
}

export async function follow(
  db: Kysely<ConduitDatabase>,
  followerId: number,
  username: string,
): Promise<{ profile: Profile }> {
  const followeeId = await userIdOf(db, username);
  if (followeeId === followerId) throw new ValidationFailed({ username: ['you cannot follow yourself'] });
  await insertFollow(db, followerId, followeeId, now());
  return seenBy(db, followerId, followeeId);
}

export async function unfollow(
  db: Kysely<ConduitDatabase>,
  followerId: number,
  username: string,
): Promise<{ profile: Profile }> {
  const followeeId = await userIdOf(db, username);
  await deleteFollow(db, followerId, followeeId);
  return seenBy(db, followerId, followeeId);
}
