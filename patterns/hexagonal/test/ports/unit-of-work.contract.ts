import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/adapters/storage.js';
import type { StorageFactory } from '../support/storage-adapters.js';
import { newArticle } from './article-repository.contract.js';
import { newUser } from './user-repository.contract.js';

export function unitOfWorkContract(open: StorageFactory) {
  describe('UnitOfWork', () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    let authorId: number;
    beforeAll(async () => {
      ({ storage, dispose } = await open());
      authorId = (await storage.users.create(newUser())).id;
    });
    afterAll(() => dispose?.());

    it('when the work succeeds, then its writes are kept and its result returned', async () => {
      const input = newArticle(authorId, { tagList: ['kept'] });
      const id = await storage.uow.run(async (tx) => {
        const article = await tx.articles.create(input);
        await tx.comments.add({ ...input, articleId: article.id, authorId, body: 'first!' });
        return article.id;
      });
      expect((await storage.articles.bySlug(input.slug))?.id).toBe(id);
      expect(await storage.comments.ofArticle(id)).toHaveLength(1);
    });

    it('when the work throws, then none of its writes remain, across repositories', async () => {
      const input = newArticle(authorId, { tagList: ['rolled-back'] });
      const user = newUser();
      const failure = new Error('changed my mind');
      await expect(
        storage.uow.run(async (tx) => {
          const article = await tx.articles.create(input);
          await tx.articles.addFavorite(article.id, authorId);
          await tx.articles.changeFavoritesCount(article.id, 1);
          await tx.comments.add({ ...input, articleId: article.id, authorId, body: 'gone' });
          await tx.users.create(user);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await storage.articles.bySlug(input.slug)).toBeUndefined();
      expect(await storage.users.byUsername(user.username)).toBeUndefined();
      expect(await storage.articles.popularTags()).not.toContain('rolled-back');
    });

    it('when an update inside the work fails on a unique rule, then the earlier writes are undone too', async () => {
      const taken = await storage.uow.run((tx) => tx.articles.create(newArticle(authorId)));
      const input = newArticle(authorId);
      await expect(
        storage.uow.run(async (tx) => {
          const article = await tx.articles.create(input);
          await tx.articles.update(article.id, { slug: taken.slug });
        }),
      ).rejects.toMatchObject({ name: 'AlreadyTaken' });
      expect(await storage.articles.bySlug(input.slug)).toBeUndefined();
    });

    it('when twenty units read-then-write at once, then each sees the previous one (no lost update)', async () => {
      const article = await storage.uow.run((tx) => tx.articles.create(newArticle(authorId)));
      const fans = await Promise.all(
        Array.from({ length: 20 }, async () => (await storage.users.create(newUser())).id),
      );
      // The favorite use case's shape: insert if absent, and move the counter only when it was new.
      const favorite = (fan: number) =>
        storage.uow.run(async (tx) => {
          if (await tx.articles.addFavorite(article.id, fan))
            await tx.articles.changeFavoritesCount(article.id, 1);
        });
      await Promise.all([...fans, ...fans.slice(0, 5)].map(favorite));
      expect((await storage.articles.bySlug(article.slug))?.favoritesCount).toBe(20);
    });
  });
}
