import { postgres } from '@journey/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFunctionDatabase } from '../../core/database.js';
import { type ArticlePublished, articlePublishedEvent } from '../../core/event-catalogue.js';
import type { Invocation } from '../../core/function-types.js';
import { definition } from '../../functions/notify-followers/handler.js';
import { type EventDatabase, eventDatabase } from './event-database.js';

const invocation: Invocation = { requestId: 'test', platform: 'local' };

const published = (article: Partial<ArticlePublished> & Pick<ArticlePublished, 'articleId' | 'authorId'>) =>
  articlePublishedEvent({
    slug: `article-${article.articleId}`,
    title: `Article ${article.articleId}`,
    publishedAt: '2026-12-06T10:00:00.000Z',
    ...article,
  });

const pg = await postgres();
for (const choice of ['sqlite', 'postgres'] as const) {
  const skip = choice === 'postgres' && !pg.available;
  describe.skipIf(skip)(`notify-followers on ${choice}${skip ? ` (${pg.reason})` : ''}`, () => {
    let database: EventDatabase;
    beforeAll(async () => {
      database = await eventDatabase(choice);
      // Author 1 has followers 2 and 3; user 4 follows someone else.
      await database.follow(2, 1);
      await database.follow(3, 1);
      await database.follow(4, 5);
    });
    afterAll(() => database?.dispose());

    it("when an article of a followed author is published, then each of the author's followers gets one row", async () => {
      expect(await definition.handler(published({ articleId: 10, authorId: 1 }), invocation)).toBe('handled');
      expect(await database.notified(10)).toEqual([2, 3]);
    });

    it('when the same event is delivered again, then no row is added', async () => {
      const event = published({ articleId: 11, authorId: 1 });
      await definition.handler(event, invocation);
      expect(await definition.handler(structuredClone(event), invocation)).toBe('handled');
      expect(await database.notified(11)).toEqual([2, 3]);
    });

    it('when the author is unknown or followed by nobody, then the event is handled and no row is written', async () => {
      expect(await definition.handler(published({ articleId: 12, authorId: 99 }), invocation)).toBe(
        'handled',
      );
      expect(await database.notified(12)).toEqual([]);
    });

    it('when the payload is malformed, then it is refused (not thrown, so never delivered again) and nothing is written', async () => {
      const malformed = [
        undefined,
        'article-published',
        { ...published({ articleId: 13, authorId: 1 }), type: 'article-deleted' },
        { ...published({ articleId: 13, authorId: 1 }), id: '' },
        { ...published({ articleId: 13, authorId: 1 }), data: { articleId: '13', authorId: 1 } },
        { ...published({ articleId: 13, authorId: 1 }), data: null },
      ];
      for (const message of malformed) {
        expect(await definition.handler(message, invocation), JSON.stringify(message)).toBe('refused');
      }
      expect(await database.notified(13)).toEqual([]);
    });

    it('when the article is deleted after its notifications were written, then the delete succeeds', async () => {
      const article = { slug: 'deleted', title: 'Deleted', description: 'd', body: 'b', author_id: 1 };
      const at = new Date().toISOString();
      const { id } = await database.db
        .insertInto('articles')
        .values({ ...article, tag_list: '[]', created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await definition.handler(published({ articleId: id, authorId: 1 }), invocation);
      await database.db.deleteFrom('articles').where('id', '=', id).execute();
      expect(await database.db.selectFrom('articles').where('id', '=', id).selectAll().execute()).toEqual([]);
    });
  });
}

describe('notify-followers when its database is away', () => {
  const saved = process.env.DATABASE_URL;
  afterAll(async () => {
    await closeFunctionDatabase();
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it('when the insert fails, then the invocation throws, so the platform delivers the event again', async () => {
    await closeFunctionDatabase();
    // Port 1 has no server.
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/conduit';
    await expect(definition.handler(published({ articleId: 14, authorId: 1 }), invocation)).rejects.toThrow();
  });
});
