import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/adapters/storage.js';
import type { NewCommentRecord } from '../../src/application/ports/driven/index.js';
import type { StorageFactory } from '../support/storage-adapters.js';
import { newArticle } from './article-repository.contract.js';
import { newUser } from './user-repository.contract.js';

export function commentRepositoryContract(open: StorageFactory) {
  describe('CommentRepository', () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    let authorId: number;
    const article = async () => (await storage.uow.run((tx) => tx.articles.create(newArticle(authorId)))).id;
    const comment = (articleId: number, body = 'nice'): NewCommentRecord => ({
      articleId,
      authorId,
      body,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    });
    beforeAll(async () => {
      ({ storage, dispose } = await open());
      authorId = (await storage.users.create(newUser())).id;
    });
    afterAll(() => dispose?.());

    it('when comments are added, then the article lists them oldest first, and only its own', async () => {
      const [a, b] = [await article(), await article()];
      const first = await storage.comments.add(comment(a, 'first'));
      const second = await storage.comments.add(comment(a, 'second'));
      await storage.comments.add(comment(b, 'elsewhere'));
      expect(first).toEqual({ ...comment(a, 'first'), id: expect.any(Number) });
      expect(await storage.comments.ofArticle(a)).toEqual([first, second]);
    });

    it('when a comment is looked up under another article, then it is not found', async () => {
      const [a, b] = [await article(), await article()];
      const added = await storage.comments.add(comment(a));
      expect(await storage.comments.byId(a, added.id)).toEqual(added);
      expect(await storage.comments.byId(b, added.id)).toBeUndefined();
      expect(await storage.comments.byId(a, 987_654)).toBeUndefined();
    });

    it('when forty comments are added at once, then all forty are kept with distinct ids', async () => {
      const a = await article();
      const added = await Promise.all(
        Array.from({ length: 40 }, (_, i) => storage.comments.add(comment(a, `c${i}`))),
      );
      expect(new Set(added.map((c) => c.id)).size).toBe(40);
      expect(await storage.comments.ofArticle(a)).toHaveLength(40);
    });

    it('when one comment or all of an article are removed, then exactly those are gone', async () => {
      const [a, b] = [await article(), await article()];
      const one = await storage.comments.add(comment(a));
      const two = await storage.comments.add(comment(a));
      const other = await storage.comments.add(comment(b));
      await storage.comments.remove(one.id);
      expect(await storage.comments.ofArticle(a)).toEqual([two]);
      await storage.comments.removeAllOf(a);
      expect(await storage.comments.ofArticle(a)).toEqual([]);
      expect(await storage.comments.ofArticle(b)).toEqual([other]);
    });
  });
}
