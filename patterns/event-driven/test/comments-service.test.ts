import { type Broker, openBrokerFromUrl } from '@journey/broker';
import { eventually } from '@journey/conformance/eventually';
import { buildArticles } from '@journey/event-driven-articles';
import { buildComments } from '@journey/event-driven-comments';
import { createEvent, type DomainEvent, eventRules, validateEvent } from '@journey/event-driven-events';
import { EVENTS_HEADER, parseAnnouncedEvents } from '@journey/event-driven-service-kit';
import { createLogger } from '@journey/platform';
import { postgres } from '@journey/testkit';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { samplePayloads } from './sample-events.js';
import { type InProcessService, startInProcess } from './support/in-process-service.js';
import { scratchBroker } from './support/scratch-broker.js';

const logger = createLogger('comments-test', 'silent');
const pg = await postgres();

const author = 1;
const reader = 2;

const published = (articleId: number, slug: string) =>
  createEvent('ArticlePublished', { ...samplePayloads.ArticlePublished, articleId, slug });
const updated = (articleId: number, slug: string) =>
  createEvent('ArticleUpdated', { ...samplePayloads.ArticleUpdated, articleId, slug });
const deleted = (articleId: number, slug: string) =>
  createEvent('ArticleDeleted', { articleId, slug, authorId: author, tagList: [] });

/** Waits, by the consumer's own read-your-writes endpoint, until `service` has applied every event named. */
async function untilApplied(service: Pick<InProcessService, 'call'>, ids: readonly string[]) {
  // A bound for a broken run, not a speed check: each try waits up to 2 s, the test up to 120 s.
  await eventually(
    async () => {
      const answer = await service.call('GET', `/events/applied?ids=${ids.join(',')}&waitMs=2000`);
      expect(answer.body?.applied).toBe(true);
    },
    { timeoutMs: 60_000 },
  );
}

for (const choice of ['sqlite', 'postgres'] as const) {
  const skip = choice === 'postgres' && !pg.available;
  describe.skipIf(skip)(`event-driven comments service on ${choice}${skip ? ` (${pg.reason})` : ''}`, () => {
    let broker: ReturnType<typeof scratchBroker>;
    let publisher: Broker;
    let comments: Awaited<ReturnType<typeof start>>;
    const start = () =>
      startInProcess('comments', choice, (databaseUrl) => buildComments({ databaseUrl, broker, logger }));
    beforeEach(async () => {
      broker = scratchBroker();
      publisher = await openBrokerFromUrl(broker.url, {
        namespace: broker.namespace,
        events: eventRules,
        logger,
      });
      comments = await start();
    });
    afterEach(async () => {
      await comments.stop();
      await publisher.close();
      broker.dispose();
    });

    const db = () => comments.database.db;
    /**
     * Hands `events` to the comments group once more, as the embedded broker does when a consumer
     * applied a message but its ack never arrived (the message becomes visible again).
     */
    function redeliver(events: readonly DomainEvent[]) {
      const log = new SQLite(broker.url.replace(/^embedded:/, ''));
      try {
        log.pragma('busy_timeout = 5000');
        const again = log.prepare(
          "insert into pending (group_name, seq, visible_at) select 'comments', seq, 0 from log where id = ?",
        );
        for (const event of events) expect(again.run(event.id).changes).toBe(1);
      } finally {
        log.close();
      }
    }
    /** Publishes as the articles service would, and waits until comments has applied it all. */
    async function deliver(...events: DomainEvent[]) {
      for (const event of events) await publisher.publish(event);
      await untilApplied(comments, [...new Set(events.map((event) => event.id))]);
    }
    const outbox = async (): Promise<DomainEvent[]> =>
      (await db().selectFrom('outbox').select('body').orderBy('seq').execute()).map((row) =>
        validateEvent(JSON.parse(row.body)),
      );
    const replica = () => db().selectFrom('articles').select(['id', 'slug']).orderBy('id').execute();
    const commentRows = () =>
      db().selectFrom('comments').select(['id', 'article_id']).orderBy('id').execute();
    const add = (viewer: number | undefined, slug: string, body: unknown = 'Thank you so much!') =>
      comments.call('POST', `/articles/${slug}/comments`, { viewer, body: { comment: { body } } });
    const remove = (viewer: number | undefined, slug: string, id: number | string) =>
      comments.call('DELETE', `/articles/${slug}/comments/${id}`, { viewer });

    it('when articles are published and renamed, then the replica follows and comments go to the slug it knows now', async () => {
      await deliver(published(7, 'dragons'), published(8, 'eggs'));
      expect(await replica()).toEqual([
        { id: 7, slug: 'dragons' },
        { id: 8, slug: 'eggs' },
      ]);
      expect((await add(reader, 'dragons')).status).toBe(201);

      await deliver(updated(7, 'trained-dragons'));
      expect(await replica()).toEqual([
        { id: 7, slug: 'trained-dragons' },
        { id: 8, slug: 'eggs' },
      ]);
      expect((await add(reader, 'dragons')).status).toBe(404);
      const added = await add(reader, 'trained-dragons');
      expect(added.status).toBe(201);
      expect((await commentRows()).map((row) => row.article_id)).toEqual([7, 7]);
    });

    it('when the broker hands events over again after their ack was lost, then nothing changes: no rename undone, no deleted article back', async () => {
      const first = published(7, 'dragons');
      const eggs = published(8, 'eggs');
      const events = [first, updated(7, 'trained-dragons'), eggs, deleted(8, 'eggs')];
      await deliver(...events);
      await add(reader, 'trained-dragons');
      const before = { replica: await replica(), comments: await commentRows(), outbox: await outbox() };
      expect(before.replica).toEqual([{ id: 7, slug: 'trained-dragons' }]);

      redeliver([first, eggs]);
      // Redelivered messages are claimed before new ones: once this is applied, so were they.
      await deliver(published(9, 'marker'));
      expect(await replica()).toEqual([...before.replica, { id: 9, slug: 'marker' }]);
      expect(await commentRows()).toEqual(before.comments);
      expect(await outbox()).toEqual(before.outbox);
      expect(await db().selectFrom('inbox').select('event_id').execute()).toHaveLength(events.length + 1);
    });

    it('when a reader comments on a known article, then the comment and CommentAdded commit together and are announced', async () => {
      await deliver(published(7, 'dragons'));
      const answer = await add(reader, 'dragons');
      expect(answer.status).toBe(201);
      const [event, ...others] = await outbox();
      expect(answer.body).toEqual({
        comment: {
          id: expect.any(Number),
          body: 'Thank you so much!',
          createdAt: expect.any(String),
          updatedAt: answer.body.comment.createdAt,
          authorId: reader,
        },
      });
      expect(others).toEqual([]);
      expect(event).toMatchObject({
        type: 'CommentAdded',
        producer: 'comments',
        payload: {
          commentId: answer.body.comment.id,
          articleId: 7,
          authorId: reader,
          body: 'Thank you so much!',
          createdAt: answer.body.comment.createdAt,
        },
      });
      expect(parseAnnouncedEvents(answer.headers.get(EVENTS_HEADER))).toEqual([
        { type: 'CommentAdded', id: event!.id },
      ]);
    });

    it('when the outbox refuses CommentAdded, then the comment is not kept either', async () => {
      await deliver(published(7, 'dragons'));
      await sql`alter table outbox rename to outbox_unavailable`.execute(db());
      try {
        expect((await add(reader, 'dragons')).status).toBe(500);
      } finally {
        await sql`alter table outbox_unavailable rename to outbox`.execute(db());
      }
      expect(await commentRows()).toEqual([]);
      expect(await outbox()).toEqual([]);
    });

    it('when a comment is refused (unknown article 404, blank or malformed body 422, anonymous 401), then nothing is kept or published', async () => {
      await deliver(published(7, 'dragons'));
      const refusals = [
        [await add(reader, 'not-yet-heard-of'), 404],
        [await add(reader, 'dragons', '   '), 422],
        [await add(reader, 'dragons', 42), 422],
        [await add(reader, 'dragons', 'nul \u0000 inside'), 422],
        [await comments.call('POST', '/articles/dragons/comments', { viewer: reader, body: {} }), 422],
        [await add(undefined, 'dragons'), 401],
      ] as const;
      for (const [answer, status] of refusals) {
        expect(answer.status).toBe(status);
        expect(Object.keys(answer.body.errors)).not.toHaveLength(0);
      }
      expect((await add(reader, 'dragons', '   ')).body).toEqual({ errors: { body: ["can't be blank"] } });
      expect(await commentRows()).toEqual([]);
      expect(await outbox()).toEqual([]);
    });

    it('when a comment is deleted, then only its author may (403), an unknown one is 404, and CommentDeleted is announced', async () => {
      await deliver(published(7, 'dragons'), published(8, 'eggs'));
      const { id } = (await add(reader, 'dragons')).body.comment;
      const onEggs = (await add(reader, 'eggs')).body.comment.id;

      expect((await remove(author, 'dragons', id)).status).toBe(403);
      expect((await remove(reader, 'dragons', onEggs)).status).toBe(404);
      expect((await remove(reader, 'dragons', 999)).status).toBe(404);
      expect((await remove(reader, 'dragons', 'abc')).status).toBe(404);
      expect((await remove(reader, 'unknown', id)).status).toBe(404);
      expect((await remove(undefined, 'dragons', id)).status).toBe(401);
      expect((await outbox()).map((event) => event.type)).toEqual(['CommentAdded', 'CommentAdded']);

      const answer = await remove(reader, 'dragons', id);
      expect(answer.status).toBe(204);
      const event = (await outbox()).at(-1)!;
      expect(event).toMatchObject({ type: 'CommentDeleted', payload: { commentId: id, articleId: 7 } });
      expect(parseAnnouncedEvents(answer.headers.get(EVENTS_HEADER))).toEqual([
        { type: 'CommentDeleted', id: event.id },
      ]);
      expect((await remove(reader, 'dragons', id)).status).toBe(404);
      expect((await commentRows()).map((row) => row.id)).toEqual([onEggs]);
    });

    it('when ArticleDeleted arrives, then that article and its comments are gone here, others stay, and nothing is published for it', async () => {
      await deliver(published(7, 'dragons'), published(8, 'eggs'));
      await add(reader, 'dragons');
      await add(author, 'dragons');
      const kept = (await add(reader, 'eggs')).body.comment.id;
      const before = await outbox();

      await deliver(deleted(7, 'dragons'));
      expect(await commentRows()).toEqual([{ id: kept, article_id: 8 }]);
      expect(await replica()).toEqual([{ id: 8, slug: 'eggs' }]);
      expect(await outbox()).toEqual(before);
      expect((await add(reader, 'dragons')).status).toBe(404);
    });
  });

  describe.skipIf(skip)(`articles and comments services together on ${choice}`, () => {
    let broker: ReturnType<typeof scratchBroker>;
    const startArticles = () =>
      startInProcess('articles', choice, (databaseUrl) => buildArticles({ databaseUrl, broker, logger }));
    const startComments = () =>
      startInProcess('comments', choice, (databaseUrl) => buildComments({ databaseUrl, broker, logger }));
    let articles: Awaited<ReturnType<typeof startArticles>>;
    let comments: Awaited<ReturnType<typeof startComments>>;
    beforeEach(async () => {
      broker = scratchBroker();
      articles = await startArticles();
      comments = await startComments();
    });
    afterEach(async () => {
      await comments.stop();
      await articles.stop();
      broker.dispose();
    });

    /** What the gateway does after a command: wait until comments applied the events the answer announced. */
    const untilCommentsApplied = (answer: { headers: Headers }) =>
      untilApplied(
        comments,
        parseAnnouncedEvents(answer.headers.get(EVENTS_HEADER)).map((event) => event.id),
      );

    it("when the articles service publishes, renames and deletes, then comments learns each through the broker and drops the article's comments", async () => {
      const created = await articles.call('POST', '/articles', {
        viewer: author,
        body: { article: { title: 'Train dragons', description: 'How', body: 'Patiently' } },
      });
      expect(created.status).toBe(201);
      await untilCommentsApplied(created);
      expect(
        (
          await comments.call('POST', '/articles/train-dragons/comments', {
            viewer: reader,
            body: { comment: { body: 'First!' } },
          })
        ).status,
      ).toBe(201);

      const renamed = await articles.call('PUT', '/articles/train-dragons', {
        viewer: author,
        body: { article: { title: 'Train your dragons' } },
      });
      await untilCommentsApplied(renamed);
      const comment = (slug: string) =>
        comments.call('POST', `/articles/${slug}/comments`, {
          viewer: reader,
          body: { comment: { body: 'Again' } },
        });
      expect((await comment('train-dragons')).status).toBe(404);
      expect((await comment('train-your-dragons')).status).toBe(201);

      const removed = await articles.call('DELETE', '/articles/train-your-dragons', { viewer: author });
      expect(removed.status).toBe(204);
      await untilCommentsApplied(removed);
      expect(await comments.database.db.selectFrom('comments').selectAll().execute()).toEqual([]);
      expect((await comment('train-your-dragons')).status).toBe(404);
    });
  });
}
