import type { Delivery } from '@journey/broker';
import { createEvent, type DomainEvent } from '@journey/event-driven-events';
import { createIdempotentConsumer, deadLetterStore, type RetryPolicy } from '@journey/event-driven-outbox';
import {
  createArticleQueries,
  createCommentQueries,
  projections,
  replay,
  viewsConsumer,
} from '@journey/event-driven-views';
import { createLogger } from '@journey/platform';
import { postgres } from '@journey/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articles, conduitStory, users } from './conduit-story.js';
import { openViewsDatabase, type ViewsTestDatabase } from './views-database.js';

const logger = createLogger('views-test', 'silent');
const pg = await postgres();
const retry: RetryPolicy = { maxAttempts: 2, backoffMs: () => 50 };
const firstPage = { limit: 20, offset: 0 };
const allTables = ['event_history', ...projections.flatMap((projection) => projection.tables)];

/** A delivery as a broker hands it over, recording how the consumer settled it. */
function deliver(message: unknown) {
  const settled: string[] = [];
  const { id = '', type = '' } = message as { id?: string; type?: string };
  const delivery: Delivery = {
    id,
    type,
    key: '',
    message: JSON.parse(JSON.stringify(message)),
    ack: async () => {
      settled.push('ack');
    },
    nack: async () => {
      settled.push('nack');
    },
  };
  return { delivery, settled };
}

for (const choice of ['sqlite', 'postgres'] as const) {
  const skip = choice === 'postgres' && !pg.available;
  describe.skipIf(skip)(`views projections on ${choice}${skip ? ` (${pg.reason})` : ''}`, () => {
    let database: ViewsTestDatabase;
    let consumer: ReturnType<typeof createIdempotentConsumer>;
    let story: DomainEvent[];

    beforeEach(async () => {
      database = await openViewsDatabase(choice);
      consumer = createIdempotentConsumer({ ...viewsConsumer, database, logger, retry });
      story = conduitStory();
      for (const event of story) expect(await consumer.applyOnce(event)).toBe('applied');
    });
    afterEach(() => database.dispose());

    const queries = () => ({
      articles: createArticleQueries(database.db),
      comments: createCommentQueries(database.db),
    });
    const slugs = (page: { articles: { slug: string }[]; articlesCount: number }) => ({
      slugs: page.articles.map((article) => article.slug),
      count: page.articlesCount,
    });

    it('when the story is consumed, then the lists, filters and pages answer as Conduit does, newest first', async () => {
      const { articles: read } = queries();
      const all = { slugs: ['quiet-one', 'zoo-day', 'train-your-dragons'], count: 3 };
      expect(slugs(await read.page(null, {}, firstPage))).toEqual(all);
      expect(slugs(await read.page(null, { tag: 'dragons' }, firstPage))).toEqual({
        slugs: ['train-your-dragons'],
        count: 1,
      });
      expect(slugs(await read.page(null, { author: 'celeb' }, firstPage))).toEqual({
        slugs: ['quiet-one', 'train-your-dragons'],
        count: 2,
      });
      expect(slugs(await read.page(null, { favorited: 'reader' }, firstPage))).toEqual({
        slugs: ['train-your-dragons'],
        count: 1,
      });
      // jake's favorite of the deleted article went with it, and he took back the other one.
      expect(slugs(await read.page(null, { favorited: 'jake' }, firstPage))).toEqual({ slugs: [], count: 0 });
      expect(slugs(await read.page(null, { author: 'nobody' }, firstPage))).toEqual({ slugs: [], count: 0 });
      expect(slugs(await read.page(null, {}, { limit: 1, offset: 1 }))).toEqual({
        slugs: ['zoo-day'],
        count: 3,
      });
      expect(await read.tags()).toEqual(['training', 'dragons', 'zoo']);
    });

    it('when the reader asks, then favorited, the count and the author with following are the reader’s', async () => {
      const { articles: read } = queries();
      const [latest, zoo, dragons] = (await read.page(users.reader.userId, {}, firstPage)).articles;
      expect(dragons).toEqual({
        slug: 'train-your-dragons',
        title: 'Train your dragons',
        description: 'A guide',
        tagList: ['dragons', 'training'],
        createdAt: articles.dragons.createdAt,
        updatedAt: '2026-11-26T14:20:00.000Z',
        favorited: true,
        favoritesCount: 1,
        author: {
          username: 'celeb',
          bio: 'I write about dragons',
          image: 'https://i.example/c.png',
          following: true,
        },
      });
      expect(zoo!.author).toEqual({ username: 'jake', bio: 'zookeeper', image: null, following: false });
      expect(latest!.favorited).toBe(false);

      const anonymous = await read.bySlug(null, 'train-your-dragons');
      expect(anonymous).toMatchObject({ body: 'Start small', favorited: false, favoritesCount: 1 });
      expect(anonymous!.author.following).toBe(false);
      expect(await read.bySlug(null, 'train-dragons')).toBeUndefined();
      expect(await read.bySlug(null, 'dragon-eggs')).toBeUndefined();
    });

    it('when authors are followed and unfollowed, then feeds fan out, back-fill, and lose what was unfollowed or deleted', async () => {
      const { articles: read } = queries();
      // Followed after two articles: both back-filled, then the later one fanned out; the deleted one gone.
      expect(slugs(await read.feed(users.reader.userId, firstPage))).toEqual({
        slugs: ['quiet-one', 'train-your-dragons'],
        count: 2,
      });
      expect(slugs(await read.feed(users.jake.userId, firstPage))).toEqual({ slugs: [], count: 0 });
      const celebFeed = await read.feed(users.celeb.userId, firstPage);
      expect(slugs(celebFeed)).toEqual({ slugs: ['zoo-day'], count: 1 });
      expect(celebFeed.articles[0]!.author.following).toBe(true);
      expect(slugs(await read.feed(users.reader.userId, { limit: 1, offset: 1 }))).toEqual({
        slugs: ['train-your-dragons'],
        count: 2,
      });
    });

    it('when comments are added and deleted, then an article lists its live ones oldest first', async () => {
      const { articles: read, comments } = queries();
      const dragonsId = await read.idOf('train-your-dragons');
      expect(await comments.ofArticle(users.jake.userId, dragonsId!)).toEqual([
        {
          id: 21,
          body: 'Great',
          createdAt: '2026-11-26T14:21:00.000Z',
          updatedAt: '2026-11-26T14:21:00.000Z',
          author: { username: 'reader', bio: null, image: null, following: false },
        },
      ]);
      expect((await comments.byId(users.reader.userId, 24))!.author).toMatchObject({
        username: 'celeb',
        following: true,
      });
      expect(await comments.byId(null, 22)).toBeUndefined();
      // The deleted article's comment went with it.
      expect(await comments.byId(null, 23)).toBeUndefined();
    });

    it('when every event is delivered again, then each is a duplicate and no row changes', async () => {
      const before = await database.snapshot(allTables);
      for (const event of story) expect(await consumer.applyOnce(event)).toBe('duplicate');
      expect(await database.snapshot(allTables)).toEqual(before);
    });

    for (const projection of projections) {
      it(`when "${projection.name}" is replayed from the history, then it holds exactly the rows the live consumer built`, async () => {
        const live = await database.snapshot(projection.tables);
        const events = story.filter((event) => projection.types.includes(event.type)).length;
        const rows = Object.values(live).reduce((sum, table) => sum + table.length, 0);
        expect(rows).toBeGreaterThan(0);

        expect(await replay(database, projection.name)).toEqual({
          projection: projection.name,
          events,
          rows,
        });
        expect(await database.snapshot(projection.tables)).toEqual(live);

        // From nothing, too: the rows come from the history, not from what was left in place.
        await database.transaction((tx) => projection.reset(tx));
        expect(await replay(database, projection.name.replaceAll(' ', '-'))).toEqual({
          projection: projection.name,
          events,
          rows,
        });
        expect(await database.snapshot(projection.tables)).toEqual(live);
      });
    }

    it('when an unknown projection is replayed, then it is not found and nothing changes', async () => {
      const before = await database.snapshot(allTables);
      await expect(replay(database, 'popularity')).rejects.toThrow('projection not found');
      expect(await database.snapshot(allTables)).toEqual(before);
    });

    it('when a message does not match the catalogue, then it goes to the dead letters at once and no view sees it', async () => {
      const before = await database.snapshot(allTables);
      const valid = createEvent('ArticlePublished', { ...articles.zoo, articleId: 15, slug: 'zoo-night' });
      const { delivery, settled } = deliver({ ...valid, payload: { ...valid.payload, authorId: 'jake' } });
      await consumer.handle(delivery);
      expect(settled).toEqual(['ack']);
      const [letter, ...others] = await deadLetterStore(database).list({ group: 'views' });
      expect(others).toEqual([]);
      expect(letter).toMatchObject({ eventId: valid.id, type: 'ArticlePublished' });
      expect(letter!.error).toContain('/payload/authorId');
      expect(await database.snapshot(allTables)).toEqual(before);
    });

    it('when an event keeps failing in a projection, then it is retried, dead-lettered, and none of it is kept', async () => {
      const before = await database.snapshot(allTables);
      // A second ArticlePublished of article 11: the article views' primary key refuses it.
      const clash = createEvent('ArticlePublished', { ...articles.zoo, articleId: 11, tagList: ['clash'] });
      const outcomes: string[] = [];
      for (let attempt = 0; attempt < retry.maxAttempts; attempt++) {
        const { delivery, settled } = deliver(clash);
        await consumer.handle(delivery);
        outcomes.push(...settled);
      }
      expect(outcomes).toEqual(['nack', 'ack']);
      const [letter] = await deadLetterStore(database).list({ group: 'views' });
      expect(letter).toMatchObject({ eventId: clash.id, attempts: 2 });
      // One transaction per event: not in the history, the feed, the tags, or the inbox.
      expect(await database.snapshot(allTables)).toEqual(before);
      expect(await consumer.applyOnce(story[0])).toBe('duplicate');
    });
  });
}
