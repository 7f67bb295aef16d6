import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface FollowRepository {
  /** Idempotent: following twice, or two racing follows, leave one row. */
  follow(followerId: number, followeeId: number, at: string): Promise<void>;
  unfollow(followerId: number, followeeId: number): Promise<void>;
  /** Which of `ids` the follower follows; one query. */
  followedAmong(followerId: number, ids: readonly number[]): Promise<Set<number>>;
}

export function followRepository(db: Kysely<Database>): FollowRepository {
  return {
    async follow(followerId, followeeId, at) {
      await db
        .insertInto('follows')
        .values({ follower_id: followerId, followee_id: followeeId, created_at: at })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async unfollow(followerId, followeeId) {
      await db
        .deleteFrom('follows')
        .where('follower_id', '=', followerId)
        .where('followee_id', '=', followeeId)
        .execute();
    },
    async followedAmong(followerId, ids) {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('follows')
        .select('followee_id')
        .where('follower_id', '=', followerId)
        .where('followee_id', 'in', [...new Set(ids)])
        .execute();
      return new Set(rows.map((r) => r.followee_id));
    },
  };
}
