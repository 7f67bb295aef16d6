import { buildArticles } from '@journey/event-driven-articles';
import { type DomainEvent, validateEvent } from '@journey/event-driven-events';
import { EVENTS_HEADER, parseAnnouncedEvents } from '@journey/event-driven-service-kit';
import { createLogger } from '@journey/platform';
import { postgres } from '@journey/testkit';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startInProcess } from './support/in-process-service.js';
import { scratchBroker } from './support/scratch-broker.js';

const logger = createLogger('articles-test', 'silent');
const pg = await postgres();

const dragon = {
  title: 'How to train your dragon',
  description: 'Ever wonder how?',
  body: 'You have to believe',
  tagList: ['training', 'dragons', ' dragons '],
};
const jake = 1;
const reader = 2;
const SUFFIXED = /^how-to-train-your-dragon-[0-9a-f]{8}$/;

for (const choice of ['sqlite', 'postgres'] as const) {
  const skip = choice === 'postgres' && !pg.available;
  describe.skipIf(skip)(`event-driven articles service on ${choice}${skip ? ` (${pg.reason})` : ''}`, () => {
    let broker: ReturnType<typeof scratchBroker>;
    let articles: Awaited<ReturnType<typeof start>>;
    const start = () =>
      startInProcess('articles', choice, (databaseUrl) => buildArticles({ databaseUrl, broker, logger }));
    beforeEach(async () => {
      broker = scratchBroker();
      articles = await start();
    });
    afterEach(async () => {
      await articles.stop();
      broker.dispose();
    });

    const db = () => articles.database.db;
    const outbox = async (): Promise<DomainEvent[]> =>
      (await db().selectFrom('outbox').select('body').orderBy('seq').execute()).map((row) =>
        validateEvent(JSON.parse(row.body)),
      );
    const announced = (answer: { headers: Headers }) =>
      parseAnnouncedEvents(answer.headers.get(EVENTS_HEADER));
    const create = (viewer: number, fields: object = {}) =>
      articles.call('POST', '/articles', { viewer, body: { article: { ...dragon, ...fields } } });
    const update = (viewer: number | undefined, slug: string, article: object) =>
      articles.call('PUT', `/articles/${slug}`, { viewer, body: { article } });
    const favorite = (method: 'POST' | 'DELETE', viewer: number, slug: string) =>
      articles.call(method, `/articles/${slug}/favorite`, { viewer });
    const articleRows = () =>
      db().selectFrom('articles').select(['id', 'slug', 'title', 'favorites_count']).orderBy('id').execute();

    it('when an article is created, then it and an ArticlePublished with everything a reader sees commit together and are announced', async () => {
      const answer = await create(jake);
      expect(answer.status).toBe(201);
      const [event, ...others] = await outbox();
      // The article as it committed: what the gateway answers while views has not caught up.
      expect(answer.body).toEqual({
        article: {
          id: expect.any(Number),
          slug: 'how-to-train-your-dragon',
          title: dragon.title,
          description: dragon.description,
          body: dragon.body,
          tagList: ['dragons', 'training'],
          createdAt: expect.any(String),
          updatedAt: answer.body.article.createdAt,
          favorited: false,
          favoritesCount: 0,
          authorId: jake,
        },
      });
      expect(others).toEqual([]);
      expect(event).toMatchObject({
        type: 'ArticlePublished',
        producer: 'articles',
        payload: {
          articleId: answer.body.article.id,
          slug: 'how-to-train-your-dragon',
          authorId: jake,
          title: dragon.title,
          description: dragon.description,
          body: dragon.body,
          tagList: ['dragons', 'training'],
          createdAt: answer.body.article.createdAt,
        },
      });
      expect(announced(answer)).toEqual([{ type: 'ArticlePublished', id: event!.id }]);
      const tags = await db().selectFrom('tags').select('name').orderBy('name').execute();
      expect(tags.map((tag) => tag.name)).toEqual(['dragons', 'training']);
    });

    it('when the outbox refuses the event, then the article is not kept either', async () => {
      await sql`alter table outbox rename to outbox_unavailable`.execute(db());
      try {
        expect((await create(jake)).status).toBe(500);
      } finally {
        await sql`alter table outbox_unavailable rename to outbox`.execute(db());
      }
      expect(await articleRows()).toEqual([]);
      expect(await db().selectFrom('article_tags').selectAll().execute()).toEqual([]);
      expect(await outbox()).toEqual([]);
    });

    it('when creations race for one title, then every article gets its own slug, one of them the readable one, each with its event', async () => {
      const answers = await Promise.all(Array.from({ length: 6 }, () => create(jake)));
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
      const slugs = answers.map((answer) => answer.body.article.slug as string);
      expect(new Set(slugs).size).toBe(6);
      expect(slugs.filter((slug) => slug === 'how-to-train-your-dragon')).toHaveLength(1);
      expect(slugs.filter((slug) => SUFFIXED.test(slug))).toHaveLength(5);
      const published = await outbox();
      expect(published.map((event) => event.type)).toEqual(Array(6).fill('ArticlePublished'));
      expect(new Set(published.map((event) => (event.payload as { slug: string }).slug))).toEqual(
        new Set(slugs),
      );
    });

    it('when the author changes the title, then the slug follows and ArticleUpdated carries the whole article; other edits keep the slug', async () => {
      const { id } = (await create(jake)).body.article;
      const punctuation = await update(jake, 'how-to-train-your-dragon', {
        title: 'How to train your dragon!',
      });
      expect(punctuation.body.article).toMatchObject({
        id,
        slug: 'how-to-train-your-dragon',
        title: 'How to train your dragon!',
      });

      const renamed = await update(jake, 'how-to-train-your-dragon', { title: 'Did you train your dragon?' });
      expect(renamed.status).toBe(200);
      const event = (await outbox()).at(-1)!;
      expect(renamed.body.article).toMatchObject({
        id,
        slug: 'did-you-train-your-dragon',
        title: 'Did you train your dragon?',
        updatedAt: event.type === 'ArticleUpdated' && event.payload.updatedAt,
      });
      expect(event).toMatchObject({
        type: 'ArticleUpdated',
        payload: {
          articleId: id,
          slug: 'did-you-train-your-dragon',
          title: 'Did you train your dragon?',
          description: dragon.description,
          body: dragon.body,
        },
      });
      expect(announced(renamed)).toEqual([{ type: 'ArticleUpdated', id: event.id }]);
      expect((await update(jake, 'how-to-train-your-dragon', { body: 'gone' })).status).toBe(404);

      const body = await update(jake, 'did-you-train-your-dragon', { body: 'With patience' });
      expect(body.body.article).toMatchObject({
        id,
        slug: 'did-you-train-your-dragon',
        body: 'With patience',
      });
      expect((await outbox()).at(-1)).toMatchObject({
        type: 'ArticleUpdated',
        payload: { slug: 'did-you-train-your-dragon', body: 'With patience' },
      });

      // A title whose readable slug another article holds gets a suffixed one.
      await create(jake, { title: 'Taken title' });
      const clash = await update(jake, 'did-you-train-your-dragon', { title: 'Taken title' });
      expect(clash.body.article.slug).toMatch(/^taken-title-[0-9a-f]{8}$/);
    });

    it('when an update is refused (not the author 403, unknown 404, invalid 422, anonymous 401), then neither a change nor an event is kept', async () => {
      await create(jake);
      const slug = 'how-to-train-your-dragon';
      const refusals = [
        [await update(reader, slug, { title: 'Mine now' }), 403],
        [await update(jake, 'no-such-article', { title: 'x' }), 404],
        [await update(jake, slug, { title: '   ' }), 422],
        [await update(jake, slug, { title: 42 }), 422],
        [await articles.call('PUT', `/articles/${slug}`, { viewer: jake, body: { title: 'x' } }), 422],
        [await update(undefined, slug, { title: 'x' }), 401],
      ] as const;
      for (const [answer, status] of refusals) {
        expect(answer.status).toBe(status);
        expect(Object.keys(answer.body.errors)).not.toHaveLength(0);
        expect(answer.headers.get(EVENTS_HEADER)).toBeNull();
      }
      expect((await update(jake, slug, { title: '   ' })).body).toEqual({
        errors: { title: ["can't be blank"] },
      });
      expect((await articleRows()).map((row) => row.title)).toEqual([dragon.title]);
      expect((await outbox()).map((event) => event.type)).toEqual(['ArticlePublished']);
    });

    it('when the author deletes an article, then it goes with its favorites and ArticleDeleted names its tags; others get 403, unknown slugs 404', async () => {
      const { id } = (await create(jake)).body.article;
      await favorite('POST', reader, 'how-to-train-your-dragon');
      expect(
        (await articles.call('DELETE', '/articles/how-to-train-your-dragon', { viewer: reader })).status,
      ).toBe(403);
      expect((await articles.call('DELETE', '/articles/nope', { viewer: jake })).status).toBe(404);

      const deleted = await articles.call('DELETE', '/articles/how-to-train-your-dragon', { viewer: jake });
      expect(deleted.status).toBe(204);
      const event = (await outbox()).at(-1)!;
      expect(event).toMatchObject({
        type: 'ArticleDeleted',
        payload: {
          articleId: id,
          slug: 'how-to-train-your-dragon',
          authorId: jake,
          tagList: ['dragons', 'training'],
        },
      });
      expect(announced(deleted)).toEqual([{ type: 'ArticleDeleted', id: event.id }]);
      expect(await articleRows()).toEqual([]);
      expect(await db().selectFrom('favorites').selectAll().execute()).toEqual([]);
      expect(await db().selectFrom('article_tags').selectAll().execute()).toEqual([]);
      expect(
        (await articles.call('DELETE', '/articles/how-to-train-your-dragon', { viewer: jake })).status,
      ).toBe(404);
      expect((await outbox()).map((e) => e.type)).toEqual([
        'ArticlePublished',
        'ArticleFavorited',
        'ArticleDeleted',
      ]);
    });

    it('when 20 readers favorite at once (each twice), then the count is exactly 20 and each change announces its own exact count', async () => {
      const { id, slug } = (await create(jake)).body.article;
      const readers = Array.from({ length: 20 }, (_, i) => i + 1);
      const answers = await Promise.all([...readers, ...readers].map((user) => favorite('POST', user, slug)));
      expect(answers.every((answer) => answer.status === 200)).toBe(true);
      expect(answers.map((answer) => answer.body.article)).toContainEqual(
        expect.objectContaining({ id, slug, favorited: true, favoritesCount: 20 }),
      );
      expect((await articleRows())[0]!.favorites_count).toBe(20);

      const favorited = (await outbox()).filter((event) => event.type === 'ArticleFavorited');
      expect(favorited.map((event) => event.payload.userId).sort((a, b) => a - b)).toEqual(readers);
      expect(favorited.map((event) => event.payload.favoritesCount).sort((a, b) => a - b)).toEqual(readers);
      // Exactly one of each reader's two calls changed something, and only that one says so.
      const announcedIds = answers.flatMap((answer) => announced(answer).map((event) => event.id));
      expect(announcedIds.sort()).toEqual(favorited.map((event) => event.id).sort());

      const unfavorite = await favorite('DELETE', 3, slug);
      expect(unfavorite.status).toBe(200);
      expect(unfavorite.body.article).toMatchObject({ favorited: false, favoritesCount: 19 });
      const taken = (await outbox()).at(-1)!;
      expect(taken).toMatchObject({
        type: 'ArticleUnfavorited',
        payload: { articleId: id, userId: 3, favoritesCount: 19 },
      });
      expect(announced(unfavorite)).toEqual([{ type: 'ArticleUnfavorited', id: taken.id }]);
      const again = await favorite('DELETE', 3, slug);
      expect(again.status).toBe(200);
      expect(again.headers.get(EVENTS_HEADER)).toBeNull();
      expect((await outbox()).at(-1)!.id).toBe(taken.id);
      expect((await articleRows())[0]!.favorites_count).toBe(19);
    });

    it('when favorites name an unknown article or no viewer, then 404 and 401, and nothing is published', async () => {
      await create(jake);
      expect((await favorite('POST', reader, 'no-such-article')).status).toBe(404);
      expect((await favorite('DELETE', reader, 'no-such-article')).status).toBe(404);
      expect((await articles.call('POST', '/articles/how-to-train-your-dragon/favorite')).status).toBe(401);
      expect((await outbox()).map((event) => event.type)).toEqual(['ArticlePublished']);
    });

    it('when a new article is malformed, then the answer is 422, 401 or 404 naming the problem, never a 500, and nothing is published', async () => {
      const post = (body: unknown, viewer?: number) => articles.call('POST', '/articles', { viewer, body });
      const asJake = (body: unknown) => post(body, jake);
      const answers = [
        [await asJake({}), 422],
        [await asJake({ article: { ...dragon, title: '  ' } }), 422],
        [await asJake({ article: { ...dragon, body: undefined } }), 422],
        [await asJake({ article: { ...dragon, tagList: 'dragons' } }), 422],
        [await asJake({ article: { ...dragon, tagList: [7] } }), 422],
        [await asJake({ article: { ...dragon, title: 'nul \u0000 inside' } }), 422],
        [await post({ article: dragon }), 401],
      ] as const;
      for (const [answer, status] of answers) {
        expect(answer.status).toBe(status);
        expect(Object.keys(answer.body.errors)).not.toHaveLength(0);
      }
      expect(
        (await articles.call('PUT', `/articles/${'a'.repeat(500)}`, { viewer: jake, body: { article: {} } }))
          .status,
      ).toBe(404);
      expect(await outbox()).toEqual([]);
    });
  });
}
