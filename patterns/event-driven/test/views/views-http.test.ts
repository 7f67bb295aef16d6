import { type Broker, openBrokerFromUrl } from '@journey/broker';
import { eventually } from '@journey/conformance/eventually';
import { eventRules } from '@journey/event-driven-events';
import { VIEWER_HEADER } from '@journey/event-driven-service-kit';
import { buildViews } from '@journey/event-driven-views';
import { createLogger } from '@journey/platform';
import { provisionDatabase } from '@journey/provisioning';
import { postgres } from '@journey/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchBroker } from '../support/scratch-broker.js';
import { conduitStory, users } from './conduit-story.js';

const logger = createLogger('views-http-test', 'silent');
const pg = await postgres();

for (const choice of ['sqlite', 'postgres'] as const) {
  const skip = choice === 'postgres' && !pg.available;
  describe.skipIf(skip)(`views service over HTTP on ${choice}${skip ? ` (${pg.reason})` : ''}`, () => {
    const broker = scratchBroker();
    let publisher: Broker;
    let views: Awaited<ReturnType<typeof buildViews>>;
    let disposeDatabase: () => Promise<void>;

    const get = async (url: string, viewer?: number) => {
      const response = await views.app.inject({
        method: 'GET',
        url,
        headers: viewer === undefined ? {} : { [VIEWER_HEADER]: String(viewer) },
      });
      return { status: response.statusCode, body: response.json() };
    };
    const slugsOf = (body: { articles: { slug: string }[]; articlesCount: number }) => ({
      slugs: body.articles.map((article) => article.slug),
      count: body.articlesCount,
    });

    beforeAll(async () => {
      const provisioned = await provisionDatabase('event-driven', 'views-http', choice, { fresh: true });
      disposeDatabase = provisioned.dispose;
      views = await buildViews({ databaseUrl: provisioned.url, broker, logger });
      publisher = await openBrokerFromUrl(broker.url, {
        namespace: broker.namespace,
        events: eventRules,
        logger,
      });
      const story = conduitStory();
      for (const event of story) await publisher.publish(event);
      const ids = story.map((event) => event.id).join(',');
      // A bound for a broken run, not a speed check: each try waits up to 2 s, the hook up to 120 s.
      await eventually(
        async () => expect((await get(`/events/applied?ids=${ids}&waitMs=2000`)).body.applied).toBe(true),
        { timeoutMs: 60_000 },
      );
    });
    afterAll(async () => {
      await publisher?.close();
      await views?.close();
      await disposeDatabase?.();
      broker.dispose();
    });

    it('when the story has travelled through the broker, then the reads answer in the Conduit shapes', async () => {
      const list = await get('/articles?author=celeb', users.reader.userId);
      expect(list.status).toBe(200);
      expect(slugsOf(list.body)).toEqual({ slugs: ['quiet-one', 'train-your-dragons'], count: 2 });
      expect(list.body.articles[1]).not.toHaveProperty('body');

      const one = await get('/articles/train-your-dragons', users.reader.userId);
      expect(one.body.article).toMatchObject({
        body: 'Start small',
        favorited: true,
        favoritesCount: 1,
        author: { username: 'celeb', following: true },
      });
      expect((await get('/tags')).body).toEqual({ tags: ['training', 'dragons', 'zoo'] });
      expect(slugsOf((await get('/articles/feed?limit=1', users.reader.userId)).body)).toEqual({
        slugs: ['quiet-one'],
        count: 2,
      });
      const comments = await get('/articles/train-your-dragons/comments');
      expect(comments.body.comments.map((comment: { id: number }) => comment.id)).toEqual([21]);
      expect((await get('/comments/24', users.reader.userId)).body.comment).toMatchObject({
        id: 24,
        body: 'Fun',
        author: { username: 'celeb', following: true },
      });
    });

    it('when a read names nothing or asks wrongly, then it gets the spec’s error', async () => {
      expect(await get('/articles/dragon-eggs')).toEqual({
        status: 404,
        body: { errors: { article: ['not found'] } },
      });
      expect((await get('/articles/dragon-eggs/comments')).status).toBe(404);
      expect(await get('/comments/22')).toEqual({
        status: 404,
        body: { errors: { comment: ['not found'] } },
      });
      expect((await get('/comments/not-an-id')).status).toBe(404);
      expect((await get('/articles/feed')).status).toBe(401);
      const badPage = await get('/articles?limit=many');
      expect(badPage.status).toBe(422);
      expect(badPage.body.errors).toHaveProperty('limit');
    });

    it('when the lag of a type is asked for, then it counts those events since the given time, producer to read model', async () => {
      const published = conduitStory().filter((event) => event.type === 'ArticlePublished').length;
      const lag = await get('/events/lag?type=ArticlePublished&since=2000-01-01T00:00:00.000Z');
      expect(lag.status).toBe(200);
      expect(lag.body.events).toBe(published);
      expect(lag.body.p50Ms).toBeGreaterThanOrEqual(0);
      expect(lag.body.p99Ms).toBeGreaterThanOrEqual(lag.body.p50Ms);
      expect(lag.body.maxMs).toBeGreaterThanOrEqual(lag.body.p99Ms);
      expect(
        (await get(`/events/lag?type=ArticlePublished&since=${new Date().toISOString()}`)).body.events,
      ).toBe(0);
      expect((await get('/events/lag?type=Nonsense&since=yesterday')).status).toBe(422);
    });

    it('when a projection is replayed over HTTP, then it reports its size and the reads are unchanged', async () => {
      const feedBefore = await get('/articles/feed', users.reader.userId);
      const { body } = await get('/projections');
      const feed = body.projections.find((projection: { name: string }) => projection.name === 'feed');
      expect(body.projections.map((projection: { name: string }) => projection.name)).toEqual([
        'profiles',
        'article views',
        'feed',
        'tag popularity',
        'comments',
      ]);

      const replayed = await views.app.inject({ method: 'POST', url: '/projections/feed/replay' });
      expect(replayed.statusCode).toBe(200);
      expect(replayed.json()).toEqual({ projection: 'feed', events: feed.eventsSeen, rows: feed.rows });
      expect(await get('/articles/feed', users.reader.userId)).toEqual(feedBefore);

      const spaced = await views.app.inject({ method: 'POST', url: '/projections/tag%20popularity/replay' });
      expect(spaced.json()).toMatchObject({ projection: 'tag popularity' });
      const unknown = await views.app.inject({ method: 'POST', url: '/projections/popularity/replay' });
      expect(unknown.statusCode).toBe(404);
    });
  });
}
