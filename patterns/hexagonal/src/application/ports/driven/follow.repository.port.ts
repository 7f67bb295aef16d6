import type { UserId } from '../../../domain/user.js';

/** Who follows whom: the relation behind profiles' `following` flag and the feed. */
export interface FollowRepository {
  /** Idempotent: following twice (or two racing follows) leaves one relation. */
  follow(followerId: UserId, followeeId: UserId): Promise<void>;
  unfollow(followerId: UserId, followeeId: UserId): Promise<void>;
  /** Which of `ids` the follower follows. */
  followedAmong(followerId: UserId, ids: readonly UserId[]): Promise<Set<UserId>>;
  followeeIds(followerId: UserId): Promise<UserId[]>;
}
