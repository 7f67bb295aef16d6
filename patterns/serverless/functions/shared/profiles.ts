import { followedAmong } from '@journey/conduit-sql/profiles';
import type { ConduitDatabase } from '@journey/conduit-sql/schema';
import type { Profile } from '@journey/contract';
import type { Kysely } from 'kysely';

/**
 * Several functions show users as authors or profiles; the way a user is seen lives here once rather
 * than in each function's folder (no function imports another's).
 */

/** Users as `viewerId` sees them, by id: one query for the users, one for the follow flags. */
export async function profilesOf(
  db: Kysely<ConduitDatabase>,
  viewerId: number | null,
  userIds: readonly number[],
): Promise<Map<number, Profile>> {
  if (userIds.length === 0) return new Map();
  const [users, followed] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'username', 'bio', 'image'])
      .where('id', 'in', [...new Set(userIds)])
      .execute(),
    viewerId === null ? new Set<number>() : followedAmong(db, viewerId, userIds),
  ]);
  return new Map(
    users.map((user) => [
      user.id,
      { username: user.username, bio: user.bio, image: user.image, following: followed.has(user.id) },
    ]),
  );
}

/** The author of a row; a row whose author is gone is broken data (a 500), not a 404. */
export function authorIn(profiles: Map<number, Profile>, authorId: number, what: string): Profile {
  const author = profiles.get(authorId);
  if (!author) throw new Error(`${what} has an author (${authorId}) that is not in the users table`);
  return author;
}
