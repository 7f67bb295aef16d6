import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/adapters/storage.js';
import type { StorageFactory } from '../support/storage-adapters.js';
import { newUser } from './user-repository.contract.js';

export function followRepositoryContract(open: StorageFactory) {
  describe('FollowRepository', () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    const user = async () => (await storage.users.create(newUser())).id;
    beforeAll(async () => {
      ({ storage, dispose } = await open());
    });
    afterAll(() => dispose?.());

    it('when a user follows another, then the relation is seen from the follower only', async () => {
      const [a, b] = [await user(), await user()];
      await storage.follows.follow(a, b);
      expect(await storage.follows.followedAmong(a, [b])).toEqual(new Set([b]));
      expect(await storage.follows.followedAmong(b, [a])).toEqual(new Set());
      expect(await storage.follows.followeeIds(a)).toEqual([b]);
      expect(await storage.follows.followeeIds(b)).toEqual([]);
    });

    it('when a follow is repeated, also at once, then there is still one relation', async () => {
      const [a, b] = [await user(), await user()];
      await Promise.all(Array.from({ length: 5 }, () => storage.follows.follow(a, b)));
      await storage.follows.follow(a, b);
      expect(await storage.follows.followeeIds(a)).toEqual([b]);
    });

    it('when a user unfollows, then the relation is gone; unfollowing again is harmless', async () => {
      const [a, b, c] = [await user(), await user(), await user()];
      await storage.follows.follow(a, b);
      await storage.follows.follow(a, c);
      await storage.follows.unfollow(a, b);
      await storage.follows.unfollow(a, b);
      expect(await storage.follows.followedAmong(a, [b, c])).toEqual(new Set([c]));
    });

    it('when asked about no ids, then the answer is an empty set', async () => {
      expect(await storage.follows.followedAmong(await user(), [])).toEqual(new Set());
    });
  });
}
