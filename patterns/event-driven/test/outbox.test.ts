import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Broker, openEmbeddedBroker } from '@journey/broker';
import { recordDeliveries } from '@journey/broker/testing';
import { createEvent, type DomainEvent, eventRules, keyOf } from '@journey/event-driven-events';
import { appendToOutbox, createOutboxRelay } from '@journey/event-driven-outbox';
import { createLogger } from '@journey/platform';
import { postgres } from '@journey/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './messaging-database.js';
import { articlePublished } from './sample-events.js';

const logger = createLogger('outbox-test', 'silent');
const pg = await postgres();

/** A broker double that records what it was asked to publish and can refuse from a given call on. */
function recordingBroker(
  failFromCall = Number.POSITIVE_INFINITY,
): Broker<DomainEvent> & { published: DomainEvent[] } {
  const published: DomainEvent[] = [];
  let calls = 0;
  return {
    kind: 'embedded',
    published,
    async publish(event) {
      if (++calls >= failFromCall) throw new Error('broker unreachable');
      published.push(event);
    },
    subscribe: () => Promise.reject(new Error('not used here')),
    close: async () => {},
  };
}

for (const choice of ['sqlite', 'postgres'] as const) {
  const skip = choice === 'postgres' && !pg.available;
  describe.skipIf(skip)(`transactional outbox on ${choice}${skip ? ` (${pg.reason})` : ''}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await openTestDatabase(choice);
    });
    afterEach(() => database.dispose());

    /** The producer's use case: the article row and its event in one transaction. */
    const publishArticle = (event: ReturnType<typeof articlePublished>, failAfterWrite = false) =>
      database.transaction(async (tx) => {
        await tx
          .insertInto('articles')
          .values({ id: event.payload.articleId, title: event.payload.title })
          .execute();
        await appendToOutbox(tx, event);
        if (failAfterWrite) throw new Error('use case failed after writing');
      });

    const outboxRows = () => database.db.selectFrom('outbox').selectAll().orderBy('seq').execute();

    it('when the state change commits, then its event is in the outbox; when it rolls back, then neither is', async () => {
      await publishArticle(articlePublished(1));
      await expect(publishArticle(articlePublished(2), true)).rejects.toThrow(/use case failed/);
      expect(await database.db.selectFrom('articles').select('id').execute()).toEqual([{ id: 1 }]);
      expect((await outboxRows()).map((row) => JSON.parse(row.body).payload.articleId)).toEqual([1]);
    });

    it('when the event does not match its schema, then the whole transaction is refused', async () => {
      const event = articlePublished(3);
      const broken = { ...event, payload: { ...event.payload, slug: '' } };
      await expect(publishArticle(broken)).rejects.toThrow(/ArticlePublished v1 event: \/payload\/slug/);
      expect(await database.db.selectFrom('articles').select('id').execute()).toEqual([]);
    });

    it('when the relay runs, then it publishes pending events in commit order, marks them sent, and publishes nothing twice', async () => {
      const events = [5, 4, 6].map((id) => articlePublished(id));
      for (const event of events) await publishArticle(event);
      const broker = recordingBroker();
      const relay = createOutboxRelay({ database, broker, logger });
      expect(await relay.publishPending()).toBe(3);
      expect(await relay.publishPending()).toBe(0);
      expect(broker.published.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect((await outboxRows()).every((row) => row.published_at !== null)).toBe(true);
    });

    it('when the broker fails mid-batch, then what was confirmed is marked sent and the rest follows in order later', async () => {
      const events = [1, 2, 3, 4].map((id) => articlePublished(id));
      for (const event of events) await publishArticle(event);
      const failing = recordingBroker(3);
      expect(
        await createOutboxRelay({ database, broker: failing, logger, holder: 'a' }).publishPending(),
      ).toBe(2);
      expect((await outboxRows()).map((row) => row.published_at !== null)).toEqual([
        true,
        true,
        false,
        false,
      ]);
      const working = recordingBroker();
      expect(
        await createOutboxRelay({ database, broker: working, logger, holder: 'a' }).publishPending(),
      ).toBe(2);
      expect([...failing.published, ...working.published].map((e) => e.id)).toEqual(events.map((e) => e.id));
    });

    it('when the relay publishes several events at once, then never two of one aggregate together', async () => {
      // Articles 11 and 12, each published and then favorited: two aggregates, two events each.
      const events = [11, 12].map((id) => articlePublished(id));
      for (const event of events) await publishArticle(event);
      for (const { payload } of events) {
        const favorited = createEvent('ArticleFavorited', {
          articleId: payload.articleId,
          userId: 1,
          favoritesCount: 1,
        });
        await database.transaction((tx) => appendToOutbox(tx, favorited));
      }
      const inFlight = new Map<string, number>();
      let mostAtOnce = 0;
      let sameAggregateTogether = false;
      const slowBroker: Broker<DomainEvent> = {
        ...recordingBroker(),
        async publish(event) {
          const key = keyOf(event);
          if (inFlight.has(key)) sameAggregateTogether = true;
          inFlight.set(key, 1);
          mostAtOnce = Math.max(mostAtOnce, inFlight.size);
          await new Promise((resolve) => setImmediate(resolve));
          inFlight.delete(key);
        },
      };
      expect(
        await createOutboxRelay({ database, broker: slowBroker, logger, holder: 'a' }).publishPending(),
      ).toBe(4);
      expect({ mostAtOnce, sameAggregateTogether }).toEqual({ mostAtOnce: 2, sameAggregateTogether: false });
    });

    it('when two relays run at once, then one holds the lease: each event is published once, in order', async () => {
      const events = Array.from({ length: 20 }, (_, i) => articlePublished(i + 1));
      for (const event of events) await publishArticle(event);
      const broker = recordingBroker();
      const first = createOutboxRelay({ database, broker, logger, holder: 'first', batchSize: 5 });
      const second = createOutboxRelay({ database, broker, logger, holder: 'second', batchSize: 5 });
      let rounds = 0;
      while ((await outboxRows()).some((row) => row.published_at === null) && rounds++ < 50) {
        await Promise.all([first.publishPending(), second.publishPending()]);
      }
      expect(broker.published.map((e) => e.id)).toEqual(events.map((e) => e.id));
      const lease = await database.db.selectFrom('relay_lease').selectAll().executeTakeFirstOrThrow();
      expect(['first', 'second']).toContain(lease.holder);
    });

    it('when the lease holder stops renewing, then the other relay takes over once the lease expired', async () => {
      await publishArticle(articlePublished(1));
      const broker = recordingBroker();
      const stalled = createOutboxRelay({ database, broker, logger, holder: 'stalled', leaseMs: 60_000 });
      const standby = createOutboxRelay({ database, broker, logger, holder: 'standby' });
      expect(await stalled.publishPending()).toBe(1);
      await publishArticle(articlePublished(2));
      expect(await standby.publishPending()).toBe(0);
      // The stalled relay's lease runs out (set in the past, as if 60 s went by).
      await database.db
        .updateTable('relay_lease')
        .set({ expires_at: new Date(0).toISOString() })
        .execute();
      expect(await standby.publishPending()).toBe(1);
    });

    it('when the relay runs in the background with a real broker, then a subscriber gets the committed events', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'journey-outbox-'));
      const broker = openEmbeddedBroker({ path: join(dir, 'events.sqlite'), events: eventRules, logger });
      const recorder = recordDeliveries((delivery) => delivery.ack());
      await broker.subscribe({ group: 'feed', types: ['ArticlePublished'], handle: recorder.handle });
      const relay = createOutboxRelay({ database, broker, logger, pollIntervalMs: 10 });
      relay.start();
      const events = [articlePublished(1), articlePublished(2)];
      for (const event of events) {
        await publishArticle(event);
        relay.nudge();
      }
      await recorder.until((ids) => events.every((e) => ids.includes(e.id)));
      await relay.stop();
      await broker.close();
      rmSync(dir, { recursive: true, force: true });
      expect(recorder.ids()).toEqual(events.map((e) => e.id));
    });
  });
}
