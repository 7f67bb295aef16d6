import { type Profile, profileOf } from '../domain/profile.js';
import type { Repositories } from '../persistence/data-access.js';

/**
 * The authors of a page of articles or comments as `viewerId` sees them: one query for the users
 * and one for the follow flags, however many rows, never one per row.
 */
export async function profilesOf(
  data: Pick<Repositories, 'users' | 'follows'>,
  viewerId: number | null,
  userIds: readonly number[],
): Promise<Map<number, Profile>> {
  const [users, followed] = await Promise.all([
    data.users.byIds(userIds),
    viewerId === null ? new Set<number>() : data.follows.followedAmong(viewerId, userIds),
  ]);
  const profiles = new Map<number, Profile>();
  for (const [id, user] of users) profiles.set(id, profileOf(user, followed.has(id)));
  return profiles;
}

/** The one author of a row, or a loud error: a row whose author is gone means broken data, not a 404. */
export function authorOf(profiles: Map<number, Profile>, authorId: number, what: string): Profile {
  const author = profiles.get(authorId);
  if (!author) throw new Error(`${what} has an author (${authorId}) that is not in the users table`);
  return author;
}
