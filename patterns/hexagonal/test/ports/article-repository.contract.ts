import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/adapters/storage.js';
import { AlreadyTaken, type NewArticleRecord } from '../../src/application/ports/driven/index.js';
import { type StorageFactory, uniqueName } from '../support/storage-adapters.js';
import { newUser } from './user-repository.contract.js';

export const newArticle = (
  authorId: number,
  overrides: Partial<NewArticleRecord> = {},
): NewArticleRecord => ({
  slug: uniqueName('slug-'),
  title: 'A title',
  description: 'A description',
  body: 'A body',
  authorId,
  tagList: [],
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  ...overrides,
});

export function articleRepositoryContract(open: StorageFactory) {
  describe('ArticleRepository', () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    const user = async () => (await storage.users.create(newUser())).id;
    /** Every multi-row write of the core runs in a unit of work; so do the writes here. */
    const publish = (article: NewArticleRecord) => storage.uow.run((tx) => tx.articles.create(article));
    beforeAll(async () => {
      ({ storage, dispose } = await open());
    });
    afterAll(() => dispose?.());

    it('when an article is created, then it is found by slug with its tags and no favorites', async () => {
      const input = newArticle(await user(), { tagList: ['a', 'b'] });
      const article = await publish(input);
      expect(article).toEqual({ ...input, id: expect.any(Number), favoritesCount: 0 });
      expect(await storage.articles.bySlug(input.slug)).toEqual(article);
      expect(await storage.articles.slugExists(input.slug)).toBe(true);
      expect(await storage.articles.slugExists(uniqueName('free-'))).toBe(false);
      expect(await storage.articles.bySlug(uniqueName('missing-'))).toBeUndefined();
    });

    it('when a slug is taken, then creating or renaming onto it is AlreadyTaken(slug)', async () => {
      const author = await user();
      const first = await publish(newArticle(author));
      const second = await publish(newArticle(author));
      await expect(publish(newArticle(author, { slug: first.slug }))).rejects.toEqual(
        new AlreadyTaken('slug'),
      );
      await expect(storage.articles.update(second.id, { slug: first.slug })).rejects.toEqual(
        new AlreadyTaken('slug'),
      );
      expect(await storage.articles.bySlug(second.slug)).toEqual(second);
    });

    it('when an article is updated, then only the given fields change and a new slug replaces the old', async () => {
      const article = await publish(newArticle(await user()));
      const slug = uniqueName('renamed-');
      await storage.articles.update(article.id, {
        slug,
        title: 'New',
        updatedAt: '2024-03-03T00:00:00.000Z',
      });
      expect(await storage.articles.bySlug(article.slug)).toBeUndefined();
      expect(await storage.articles.bySlug(slug)).toEqual({
        ...article,
        slug,
        title: 'New',
        updatedAt: '2024-03-03T00:00:00.000Z',
      });
    });

    it('when pages are read, then they are newest first, filtered, with the total of the filter', async () => {
      const [author, other, fan] = [await user(), await user(), await user()];
      const tag = uniqueName('tag');
      const mine = [];
      for (let i = 0; i < 3; i++) mine.push(await publish(newArticle(author, { tagList: [tag] })));
      const theirs = await publish(newArticle(other, { tagList: [tag, 'other'] }));
      await storage.articles.addFavorite(mine[0]!.id, fan);
      await storage.articles.addFavorite(theirs.id, fan);

      const byAuthor = await storage.articles.page({ authorIds: [author] }, { limit: 2, offset: 0 });
      expect(byAuthor.total).toBe(3);
      expect(byAuthor.articles.map((a) => a.slug)).toEqual([mine[2]!.slug, mine[1]!.slug]);
      expect(byAuthor.articles[0]).not.toHaveProperty('body');
      const next = await storage.articles.page({ authorIds: [author] }, { limit: 2, offset: 2 });
      expect(next.articles.map((a) => a.slug)).toEqual([mine[0]!.slug]);

      const byTag = await storage.articles.page({ tag }, { limit: 10, offset: 0 });
      expect(byTag.articles.map((a) => a.slug)).toEqual([
        theirs.slug,
        mine[2]!.slug,
        mine[1]!.slug,
        mine[0]!.slug,
      ]);
      const both = await storage.articles.page(
        { tag, favoritedBy: fan, authorIds: [author, other] },
        { limit: 10, offset: 0 },
      );
      expect(both.articles.map((a) => a.slug)).toEqual([theirs.slug, mine[0]!.slug]);
      expect(both.total).toBe(2);
      expect((await storage.articles.page({ authorIds: [] }, { limit: 10, offset: 0 })).total).toBe(0);
    });

    it('when a favorite is added twice and removed twice, then only the first of each says it changed something', async () => {
      const article = await publish(newArticle(await user()));
      const fan = await user();
      expect(await storage.articles.addFavorite(article.id, fan)).toBe(true);
      expect(await storage.articles.addFavorite(article.id, fan)).toBe(false);
      expect(await storage.articles.favoritedAmong(fan, [article.id])).toEqual(new Set([article.id]));
      expect(await storage.articles.removeFavorite(article.id, fan)).toBe(true);
      expect(await storage.articles.removeFavorite(article.id, fan)).toBe(false);
      expect(await storage.articles.favoritedAmong(fan, [article.id])).toEqual(new Set());
      expect(await storage.articles.favoritedAmong(fan, [])).toEqual(new Set());
    });

    it('when the favorites count is moved by twenty concurrent calls, then no step is lost', async () => {
      const article = await publish(newArticle(await user()));
      await Promise.all(
        Array.from({ length: 20 }, () => storage.articles.changeFavoritesCount(article.id, 1)),
      );
      await Promise.all(
        Array.from({ length: 5 }, () => storage.articles.changeFavoritesCount(article.id, -1)),
      );
      expect((await storage.articles.bySlug(article.slug))?.favoritesCount).toBe(15);
    });

    it('when an article is removed, then it, its slug and its favorites are gone', async () => {
      const article = await publish(newArticle(await user(), { tagList: [uniqueName('gone')] }));
      const fan = await user();
      await storage.articles.addFavorite(article.id, fan);
      await storage.articles.remove(article.id);
      expect(await storage.articles.bySlug(article.slug)).toBeUndefined();
      expect(await storage.articles.slugExists(article.slug)).toBe(false);
      expect(await storage.articles.favoritedAmong(fan, [article.id])).toEqual(new Set());
      expect((await storage.articles.page({ favoritedBy: fan }, { limit: 10, offset: 0 })).total).toBe(0);
    });

    it('when tags are counted, then the most used come first, ties by name, each once', async () => {
      const fresh = await open();
      try {
        const s = fresh.storage;
        const author = (await s.users.create(newUser())).id;
        const create = (tagList: string[]) =>
          s.uow.run((tx) => tx.articles.create(newArticle(author, { tagList })));
        await create(['b', 'c']);
        await create(['c', 'a']);
        await create(['c', 'b']);
        expect(await s.articles.popularTags()).toEqual(['c', 'b', 'a']);
      } finally {
        await fresh.dispose();
      }
    });
  });
}
