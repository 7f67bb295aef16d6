import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/adapters/storage.js';
import { AlreadyTaken, type NewUserRecord } from '../../src/application/ports/driven/index.js';
import { type StorageFactory, uniqueName } from '../support/storage-adapters.js';

export const newUser = (overrides: Partial<NewUserRecord> = {}): NewUserRecord => {
  const username = overrides.username ?? uniqueName('user');
  return {
    username,
    email: `${username.toLowerCase()}@example.com`,
    passwordHash: 'hash',
    bio: null,
    image: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
};

/** The UserRepository port's promises; any adapter that passes this may stand in for the others. */
export function userRepositoryContract(open: StorageFactory) {
  describe('UserRepository', () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ storage, dispose } = await open());
    });
    afterAll(() => dispose?.());

    it('when a user is created, then it gets an id and is found by id, email and username', async () => {
      const input = newUser({ bio: 'hello' });
      const user = await storage.users.create(input);
      expect(user).toEqual({ ...input, id: expect.any(Number) });
      expect(await storage.users.byId(user.id)).toEqual(user);
      expect(await storage.users.byEmail(input.email)).toEqual(user);
      expect(await storage.users.byUsername(input.username)).toEqual(user);
    });

    it('when nobody has that id, email or username, then the lookups answer undefined', async () => {
      expect(await storage.users.byId(987_654)).toBeUndefined();
      expect(await storage.users.byEmail('nobody@example.com')).toBeUndefined();
      expect(await storage.users.byUsername(uniqueName('nobody'))).toBeUndefined();
    });

    it('when a username is looked up in another case, then it is not found (URLs are exact)', async () => {
      const user = await storage.users.create(newUser({ username: uniqueName('Mixed') }));
      expect(await storage.users.byUsername(user.username.toUpperCase())).toBeUndefined();
    });

    it('when a username is taken, then a second account with it in any case is AlreadyTaken(username)', async () => {
      const first = await storage.users.create(newUser({ username: uniqueName('Jake') }));
      const same = newUser({ username: first.username, email: `${uniqueName('other')}@example.com` });
      await expect(storage.users.create(same)).rejects.toEqual(new AlreadyTaken('username'));
      const shouted = newUser({
        username: first.username.toUpperCase(),
        email: `${uniqueName('other')}@example.com`,
      });
      await expect(storage.users.create(shouted)).rejects.toEqual(new AlreadyTaken('username'));
    });

    it('when an email is taken, then a second account with it is AlreadyTaken(email)', async () => {
      const first = await storage.users.create(newUser());
      await expect(storage.users.create(newUser({ email: first.email }))).rejects.toEqual(
        new AlreadyTaken('email'),
      );
    });

    it('when ten accounts race for one username, then exactly one is created', async () => {
      const username = uniqueName('race');
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          storage.users.create(newUser({ username, email: `${username}${i}@x.io` })),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected'))
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AlreadyTaken);
    });

    it('when a user is updated, then only the given fields change and the new values are found', async () => {
      const user = await storage.users.create(newUser());
      const username = uniqueName('renamed');
      const updated = await storage.users.update(user.id, {
        username,
        bio: 'new bio',
        updatedAt: '2024-02-02T00:00:00.000Z',
      });
      expect(updated).toEqual({ ...user, username, bio: 'new bio', updatedAt: '2024-02-02T00:00:00.000Z' });
      expect(await storage.users.byUsername(username)).toEqual(updated);
      expect(await storage.users.byUsername(user.username)).toBeUndefined();
    });

    it('when a user takes their own name in another case, then it is allowed', async () => {
      const user = await storage.users.create(newUser({ username: uniqueName('case') }));
      const updated = await storage.users.update(user.id, { username: user.username.toUpperCase() });
      expect(updated?.username).toBe(user.username.toUpperCase());
    });

    it("when an update takes another user's username or email, then it is AlreadyTaken and nothing changes", async () => {
      const a = await storage.users.create(newUser());
      const b = await storage.users.create(newUser());
      await expect(storage.users.update(b.id, { username: a.username })).rejects.toEqual(
        new AlreadyTaken('username'),
      );
      await expect(storage.users.update(b.id, { email: a.email })).rejects.toEqual(new AlreadyTaken('email'));
      expect(await storage.users.byId(b.id)).toEqual(b);
    });

    it('when an unknown user is updated, then the answer is undefined', async () => {
      expect(await storage.users.update(987_654, { bio: 'x' })).toBeUndefined();
    });

    it('when users are asked for by ids, then the known ones come back keyed by id, once each', async () => {
      const a = await storage.users.create(newUser());
      const b = await storage.users.create(newUser());
      const found = await storage.users.byIds([a.id, b.id, a.id, 987_654]);
      expect([...found.keys()].sort()).toEqual([a.id, b.id].sort());
      expect(found.get(b.id)).toEqual(b);
      expect(await storage.users.byIds([])).toEqual(new Map());
    });
  });
}
