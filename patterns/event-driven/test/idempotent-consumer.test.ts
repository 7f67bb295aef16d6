import type { Delivery } from '@journey/broker';
import { type DomainEvent, validateEvent } from '@journey/event-driven-events';
import { createIdempotentConsumer, deadLetterStore, type RetryPolicy } from '@journey/event-driven-outbox';
import { createLogger } from '@journey/platform';
import { postgres } from '@journey/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './messaging-database.js';
import { articlePublished } from './sample-events.js';

const logger = createLogger('consumer-test', 'silent');
const pg = await postgres();
const retry: RetryPolicy = { maxAttempts: 3, backoffMs: (failures) => 100 * 2 ** (failures - 1) };

/** A delivery as a broker hands it over, recording how the consumer settled it. */
function deliver(message: unknown) {
  const settled: string[] = [];
  const { id = '', type = '' } = (message ?? {}) as { id?: string; type?: string };
  const delivery: Delivery = {
    id,
    type,
    key: '',
    message: JSON.parse(JSON.stringify(message)),
    ack: async () => {
      settled.push('ack');
    },
    nack: async (options) => {
      settled.push(`nack ${options?.delayMs}`);
    },
  };
  return { delivery, settled };
}

for (const choice of ['sqlite', 'postgres'] as const) {
  const skip = choice === 'postgres' && !pg.available;
  describe.skipIf(skip)(
    `idempotent consumer and dead letters on ${choice}${skip ? ` (${pg.reason})` : ''}`,
    () => {
      let database: TestDatabase;
      let failing: boolean;
      let failingArticle: number | undefined;
      beforeEach(async () => {
        database = await openTestDatabase(choice);
        failing = false;
        failingArticle = undefined;
      });
      afterEach(() => database.dispose());

      /** A read model of article titles that counts how often each event was applied. */
      const consumer = () =>
        createIdempotentConsumer({
          database,
          logger,
          retry,
          group: 'article-titles',
          types: ['ArticlePublished'],
          async apply(event, tx) {
            const { articleId, title } = (event as Extract<DomainEvent, { type: 'ArticlePublished' }>)
              .payload;
            await tx
              .insertInto('article_titles')
              .values({ article_id: articleId, title, applied: 1 })
              .onConflict((conflict) =>
                conflict
                  .column('article_id')
                  .doUpdateSet((eb) => ({ applied: eb('article_titles.applied', '+', 1) })),
              )
              .execute();
            if (failing || articleId === failingArticle) throw new Error('projection store rejected the row');
          },
        });
      const titles = () =>
        database.db.selectFrom('article_titles').selectAll().orderBy('article_id').execute();

      it('when the same event is delivered twice, then it is applied once and both deliveries are acked', async () => {
        const projection = consumer();
        const event = articlePublished(1);
        const first = deliver(event);
        const again = deliver(event);
        await projection.handle(first.delivery);
        await projection.handle(again.delivery);
        expect([first.settled, again.settled]).toEqual([['ack'], ['ack']]);
        expect(await titles()).toEqual([{ article_id: 1, title: 'Article 1', applied: 1 }]);
      });

      it('when a batch arrives, then each event is applied once, a duplicate inside it included, and every delivery is acked', async () => {
        const projection = consumer();
        const events = [articlePublished(11), articlePublished(12), articlePublished(13)];
        const batch = [...events, events[1]!].map((event) => deliver(event));
        await projection.handleBatch(batch.map((b) => b.delivery));
        expect(batch.map((b) => b.settled)).toEqual([['ack'], ['ack'], ['ack'], ['ack']]);
        expect((await titles()).map((row) => [row.article_id, row.applied])).toEqual([
          [11, 1],
          [12, 1],
          [13, 1],
        ]);
        const again = events.map((event) => deliver(event));
        await projection.handleBatch(again.map((b) => b.delivery));
        expect((await titles()).map((row) => row.applied)).toEqual([1, 1, 1]);
      });

      it('when one event of a batch cannot apply, then the others are applied and only that one is nacked', async () => {
        const projection = consumer();
        const good = [articlePublished(21), articlePublished(23)];
        const poison = articlePublished(22);
        const batch = [good[0]!, poison, good[1]!].map((event) => deliver(event));
        failingArticle = 22;
        await projection.handleBatch(batch.map((b) => b.delivery));
        expect(batch.map((b) => b.settled)).toEqual([['ack'], ['nack 100'], ['ack']]);
        expect((await titles()).map((row) => row.article_id)).toEqual([21, 23]);
      });

      it('when applying fails, then nothing of it is kept and it is nacked with a growing backoff, then dead-lettered', async () => {
        const projection = consumer();
        failing = true;
        const event = articlePublished(2);
        const outcomes = [];
        for (let attempt = 0; attempt < 3; attempt++) {
          const { delivery, settled } = deliver(event);
          await projection.handle(delivery);
          outcomes.push(...settled);
        }
        expect(outcomes).toEqual(['nack 100', 'nack 200', 'ack']);
        expect(await titles()).toEqual([]);
        expect(await database.db.selectFrom('inbox').selectAll().execute()).toEqual([]);
        const [letter, ...others] = await deadLetterStore(database).list();
        expect(others).toEqual([]);
        expect(letter).toMatchObject({
          group: 'article-titles',
          eventId: event.id,
          type: 'ArticlePublished',
          attempts: 3,
          error: 'projection store rejected the row',
          replayedAt: null,
        });
        expect(validateEvent(letter!.message)).toEqual(event);
      });

      it('when it holds a failing message while retrying, then it applies it in place once it can, never nacking', async () => {
        const attempts: number[] = [];
        const projection = createIdempotentConsumer({
          database,
          logger,
          retry: { maxAttempts: 3, backoffMs: () => 1 },
          holdWhileRetrying: true,
          group: 'article-titles',
          types: ['ArticlePublished'],
          async apply(event, tx) {
            attempts.push(attempts.length + 1);
            // Fails twice (a lock, say), then goes through.
            if (attempts.length < 3) throw new Error('busy');
            const { articleId, title } = (event as Extract<DomainEvent, { type: 'ArticlePublished' }>)
              .payload;
            await tx
              .insertInto('article_titles')
              .values({ article_id: articleId, title, applied: 1 })
              .execute();
          },
        });
        const { delivery, settled } = deliver(articlePublished(5));
        await projection.handle(delivery);
        expect(settled).toEqual(['ack']);
        expect(attempts).toEqual([1, 2, 3]);
        expect((await titles()).map((row) => row.applied)).toEqual([1]);
      });

      it('when a message does not match the catalogue, then it is dead-lettered at once with the field named', async () => {
        const event = articlePublished(3);
        const { delivery, settled } = deliver({ ...event, payload: { ...event.payload, authorId: 'jake' } });
        await consumer().handle(delivery);
        expect(settled).toEqual(['ack']);
        const [letter] = await deadLetterStore(database).list({ group: 'article-titles' });
        expect(letter!.error).toBe('invalid ArticlePublished v1 event: /payload/authorId Expected integer');
        expect(letter!.attempts).toBe(3);
      });

      it('when a dead letter is replayed after the fault is fixed, then it is applied once and leaves the list', async () => {
        const projection = consumer();
        failing = true;
        const event = articlePublished(4);
        for (let attempt = 0; attempt < 3; attempt++) await projection.handle(deliver(event).delivery);
        const store = deadLetterStore(database);
        const [letter] = await store.list();

        await expect(store.replay(letter!.id, projection)).rejects.toThrow(
          `replaying dead letter ${letter!.id} (ArticlePublished ${event.id}) failed: projection store rejected the row`,
        );
        failing = false;
        expect(await store.replay(letter!.id, projection)).toBe('applied');
        expect(await titles()).toEqual([{ article_id: 4, title: 'Article 4', applied: 1 }]);
        expect(await store.list()).toEqual([]);
        const [replayed] = await store.list({ includeReplayed: true });
        expect(replayed!.attempts).toBe(4);
        expect(replayed!.replayedAt).not.toBeNull();
        await expect(store.replay(letter!.id, projection)).rejects.toThrow(/was replayed at/);
        // The broker may still deliver it again: the inbox keeps that from applying it twice.
        await projection.handle(deliver(event).delivery);
        expect((await titles())[0]!.applied).toBe(1);
      });

      it('when a dead letter is replayed into another group, then it is refused', async () => {
        const projection = consumer();
        failing = true;
        const event = articlePublished(5);
        for (let attempt = 0; attempt < 3; attempt++) await projection.handle(deliver(event).delivery);
        const [letter] = await deadLetterStore(database).list();
        const other = { group: 'feed', applyOnce: projection.applyOnce };
        await expect(deadLetterStore(database).replay(letter!.id, other)).rejects.toThrow(
          `dead letter ${letter!.id} belongs to group article-titles, not feed`,
        );
        await expect(deadLetterStore(database).replay(999, projection)).rejects.toThrow('no dead letter 999');
      });
    },
  );
}
