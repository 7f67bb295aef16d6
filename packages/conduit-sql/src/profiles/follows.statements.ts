import type { Kysely } from 'kysely';
import { narrow } from '../narrow.js';
import type { ProfilesTables } from './profiles.tables.js';

// The follow statements every single-database pattern runs word for word; where they are called from
// (a module's service, a repository, a driven adapter) stays each pattern's own.

/** Idempotent: following twice leaves one row, and racing follows cannot both insert. */
export async function insertFollow<DB extends ProfilesTables>(
  connection: Kysely<DB>,
  followerId: number,
  followeeId: number,
  at: string,
): Promise<void> {
  const db = narrow<ProfilesTables>(connection);
  await db
    .insertInto('follows')
    .values({ follower_id: followerId, followee_id: followeeId, created_at: at })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function deleteFollow<DB extends ProfilesTables>(
  connection: Kysely<DB>,
  followerId: number,
  followeeId: number,
): Promise<void> {
  const db = narrow<ProfilesTables>(connection);
  await db
    .deleteFrom('follows')
    .where('follower_id', '=', followerId)
    .where('followee_id', '=', followeeId)
    .execute();
}

/** Which of `ids` the follower follows: one query, however many ids. */
export async function followedAmong<DB extends ProfilesTables>(
  connection: Kysely<DB>,
  followerId: number,
  ids: readonly number[],
): Promise<Set<number>> {
  const db = narrow<ProfilesTables>(connection);
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('follows')
    .select('followee_id')
    .where('follower_id', '=', followerId)
    .where('followee_id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.followee_id));
}

export async function followeeIdsOf<DB extends ProfilesTables>(
  connection: Kysely<DB>,
  followerId: number,
): Promise<number[]> {
  const db = narrow<ProfilesTables>(connection);
  const rows = await db
    .selectFrom('follows')
    .select('followee_id')
    .where('follower_id', '=', followerId)
    .execute();
  return rows.map((r) => r.followee_id);
}
