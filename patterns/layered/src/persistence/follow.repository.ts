import { deleteFollow, followedAmong, insertFollow } from '@journey/conduit-sql/profiles';
import type { ConduitDatabase as Database } from '@journey/conduit-sql/schema';
import type { Kysely } from 'kysely';

export interface FollowRepository {
  /** Idempotent: following twice, or two racing follows, leave one row. */
  follow(followerId: number, followeeId: number, at: string): Promise<void>;
  unfollow(followerId: number, followeeId: number): Promise<void>;
  /** Which of `ids` the follower follows; one query. */
  followedAmong(followerId: number, ids: readonly number[]): Promise<Set<number>>;
}

export function followRepository(db: Kysely<Database>): FollowRepository {
  return {
    follow: (followerId, followeeId, at) => insertFollow(db, followerId, followeeId, at),
    unfollow: (followerId, followeeId) => deleteFollow(db, followerId, followeeId),
    followedAmong: (followerId, ids) => followedAmong(db, followerId, ids),
  };
}
