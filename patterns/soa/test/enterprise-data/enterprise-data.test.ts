import { openMigratedDatabase } from '@journey/conduit-sql';
import { type ConduitDatabase, conduitMigrations } from '@journey/conduit-sql/schema';
import {
  articleBySlug,
  articlePage,
  articleRecord,
  commentRecord,
  commentsOfArticle,
  type EnterpriseDb,
  followersCount,
  follows,
  personNamed,
  profileOf,
} from '@journey/soa-enterprise-data';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseChoices, scratchDatabase } from './scratch-database.js';
import { seedArticle, seedComment, seedFavorite, seedFollow, seedPerson } from './seed.js';

const firstPage = { limit: 20, offset: 0 };

for (const { choice, skip } of databaseChoices) {
  describe.skipIf(skip !== undefined)(`enterprise data on ${choice}${skip ? ` (${skip})` : ''}`, () => {
    let dispose: () => Promise<void>;
    let db: EnterpriseDb;
    const people = { jake: 0, anna: 0, ivan: 0 };
    const articles = { dragons: 0, knots: 0, rivers: 0 };

    beforeAll(async () => {
      const scratch = await scratchDatabase(choice, 'enterprise-data');
      const database = await openMigratedDatabase<ConduitDatabase>(scratch.url, conduitMigrations);
      db = database.db;
      dispose = async () => {
        await database.close();
        await scratch.dispose();
      };
      people.jake = await seedPerson(db, 'jake', { bio: 'I work at statefarm' });
      people.anna = await seedPerson(db, 'anna', { image: 'https://example.test/anna.png' });
      people.ivan = await seedPerson(db, 'ivan');
      articles.dragons = await seedArticle(db, people.jake, 'how-to-train-your-dragon', [
        'dragons',
        'training',
      ]);
      articles.knots = await seedArticle(db, people.anna, 'tying-knots', ['training']);
      articles.rivers = await seedArticle(db, people.jake, 'crossing-rivers');
      await seedFavorite(db, people.anna, articles.dragons);
      await seedFavorite(db, people.ivan, articles.dragons);
      await seedFollow(db, people.ivan, people.anna);
      await seedFollow(db, people.anna, people.jake);
    });
    afterAll(() => dispose?.());

    it('when an article is read by slug anonymously, then it is canonical with body, tags, count and an author not followed', async () => {
      expect(await articleBySlug(db, 'how-to-train-your-dragon')).toEqual({
        slug: 'how-to-train-your-dragon',
        title: 'how to train your dragon',
        description: 'about how-to-train-your-dragon',
        body: 'the body of how-to-train-your-dragon',
        tagList: { tag: ['dragons', 'training'] },
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        updatedAt: expect.any(String),
        favorited: false,
        favoritesCount: 2,
        author: { username: 'jake', bio: 'I work at statefarm', following: false },
      });
    });

    it('when a viewer who favorited it and follows its author reads it, then favorited is true and following stays false for the bus to compose', async () => {
      const article = await articleBySlug(db, 'how-to-train-your-dragon', people.anna);
      expect(article?.favorited).toBe(true);
      expect(article?.author.following).toBe(false);
      expect((await articleBySlug(db, 'tying-knots', people.anna))?.author).toEqual({
        username: 'anna',
        image: 'https://example.test/anna.png',
        following: false,
      });
    });

    it('when the slug is unknown, then there is no article and no record', async () => {
      expect(await articleBySlug(db, 'no-such-article')).toBeUndefined();
      expect(await articleRecord(db, 'no-such-article')).toBeUndefined();
      expect(await articleRecord(db, 'tying-knots')).toEqual({
        id: articles.knots,
        slug: 'tying-knots',
        title: 'tying knots',
        authorId: people.anna,
      });
    });

    it('when articles are paged, then the newest comes first, without bodies, and total counts them all', async () => {
      const all = await articlePage(db, {}, firstPage);
      expect(all.article.map((a) => a.slug)).toEqual([
        'crossing-rivers',
        'tying-knots',
        'how-to-train-your-dragon',
      ]);
      expect(all.article.every((a) => a.body === undefined)).toBe(true);
      expect(all.page).toEqual({ limit: 20, offset: 0, total: 3 });
      const second = await articlePage(db, {}, { limit: 1, offset: 1 });
      expect(second.article.map((a) => a.slug)).toEqual(['tying-knots']);
      expect(second.page).toEqual({ limit: 1, offset: 1, total: 3 });
    });

    it('when a page is filtered by tag, author and favoriter, then the filters combine with AND', async () => {
      const slugs = async (selection: Parameters<typeof articlePage>[1]) =>
        (await articlePage(db, selection, firstPage)).article.map((a) => a.slug);
      expect(await slugs({ tag: 'training' })).toEqual(['tying-knots', 'how-to-train-your-dragon']);
      expect(await slugs({ author: 'jake' })).toEqual(['crossing-rivers', 'how-to-train-your-dragon']);
      expect(await slugs({ favoritedBy: 'ivan' })).toEqual(['how-to-train-your-dragon']);
      expect(await slugs({ tag: 'training', author: 'anna' })).toEqual(['tying-knots']);
      expect(await slugs({ author: 'jake', favoritedBy: 'anna' })).toEqual(['how-to-train-your-dragon']);
    });

    it('when a filter names an unknown tag or username, then the page is empty with total 0', async () => {
      for (const selection of [{ tag: 'nothing' }, { author: 'nobody' }, { favoritedBy: 'nobody' }]) {
        expect(await articlePage(db, selection, firstPage)).toEqual({
          article: [],
          page: { ...firstPage, total: 0 },
        });
      }
    });

    it('when the feed of a viewer is paged, then only the authors they follow appear, with their favorites', async () => {
      const feed = await articlePage(db, { followedBy: people.anna }, firstPage, people.anna);
      expect(feed.article.map((a) => [a.slug, a.favorited])).toEqual([
        ['crossing-rivers', false],
        ['how-to-train-your-dragon', true],
      ]);
      expect(feed.page.total).toBe(2);
      const nobodyFollowed = await articlePage(db, { followedBy: people.jake }, firstPage, people.jake);
      expect(nobodyFollowed).toEqual({ article: [], page: { ...firstPage, total: 0 } });
    });

    it('when a page holds many articles by many authors, then it costs as many queries as a page of one', async () => {
      const queriesFor = async (limit: number) => {
        let count = 0;
        const counting: KyselyPlugin = {
          transformQuery: ({ node }) => {
            count += 1;
            return node;
          },
          transformResult: async ({ result }) => result,
        };
        await articlePage(
          db.withPlugin(counting),
          { tag: 'training', favoritedBy: 'ivan' },
          { limit, offset: 0 },
          people.anna,
        );
        return count;
      };
      expect(await queriesFor(20)).toBe(await queriesFor(1));
      // users for the filter, the rows, the count, the authors, the viewer's favorites
      expect(await queriesFor(20)).toBe(5);
    });

    it('when comments are read, then they are canonical, oldest first, and a comment is found only under its own article', async () => {
      const first = await seedComment(db, articles.rivers, people.anna, 'Bring a boat.');
      await seedComment(db, articles.rivers, people.ivan, 'Or swim.');
      const comments = await commentsOfArticle(db, articles.rivers);
      expect(comments).toEqual([
        {
          id: first,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
          body: 'Bring a boat.',
          author: { username: 'anna', image: 'https://example.test/anna.png', following: false },
        },
        expect.objectContaining({ body: 'Or swim.', author: { username: 'ivan', following: false } }),
      ]);
      expect(await commentRecord(db, articles.rivers, first)).toEqual({
        id: first,
        articleId: articles.rivers,
        authorId: people.anna,
      });
      expect(await commentRecord(db, articles.knots, first)).toBeUndefined();
      expect(await commentsOfArticle(db, articles.knots)).toEqual([]);
    });

    it('when people are read, then following is the viewer’s and followers are counted', async () => {
      const anna = await personNamed(db, 'anna');
      expect(anna).toEqual({
        id: people.anna,
        username: 'anna',
        bio: null,
        image: 'https://example.test/anna.png',
      });
      expect(await personNamed(db, 'nobody')).toBeUndefined();
      expect(await follows(db, people.ivan, people.anna)).toBe(true);
      expect(await follows(db, people.jake, people.anna)).toBe(false);
      expect(await follows(db, undefined, people.anna)).toBe(false);
      expect(profileOf(anna!, true)).toEqual({
        username: 'anna',
        image: 'https://example.test/anna.png',
        following: true,
      });
      expect(await followersCount(db, people.anna)).toBe(1);
      expect(await followersCount(db, people.ivan)).toBe(0);
    });
  });
}
