import { type Broker, openBrokerFromUrl } from '@journey/broker';
import { recordDeliveries } from '@journey/broker/testing';
import { eventually } from '@journey/conformance/eventually';
import { createEvent, type DomainEvent, eventRules } from '@journey/event-driven-events';
import {
  createServiceServer,
  EVENTS_HEADER,
  formatAnnouncedEvents,
  openServiceDatabase,
  parseAnnouncedEvents,
  type ServiceDatabase,
  startMessaging,
} from '@journey/event-driven-service-kit';
import { createLogger } from '@journey/platform';
import { provisionDatabase } from '@journey/provisioning';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articlePublished } from './sample-events.js';
import { scratchBroker } from './support/scratch-broker.js';

const logger = createLogger('service-kit-test', 'silent');

interface NoteTables {
  notes: { id: number; title: string };
}

/** A service made with the chassis: it owns notes and consumes ArticlePublished into them. */
async function startNoteService(
  broker: ReturnType<typeof scratchBroker>,
  options: { failing?: () => boolean } = {},
) {
  const provisioned = await provisionDatabase('event-driven', 'kit-test', 'sqlite', { fresh: true });
  const database: ServiceDatabase<NoteTables> = await openServiceDatabase<NoteTables>(
    provisioned.url,
    () => ({
      'notes-001-notes': {
        async up(db) {
          await db.schema
            .createTable('notes')
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .addColumn('title', 'text', (c) => c.notNull())
            .execute();
        },
      },
    }),
  );
  const messaging = await startMessaging({
    service: 'notes',
    database,
    logger,
    broker,
    retry: { maxAttempts: 2, backoffMs: () => 10 },
    consumer: {
      types: ['ArticlePublished'],
      async apply(event, tx) {
        if (event.type !== 'ArticlePublished') return;
        if (options.failing?.()) throw new Error('notes are read-only today');
        await tx
          .insertInto('notes')
          .values({ id: event.payload.articleId, title: event.payload.title })
          .execute();
      },
    },
  });
  const app = await createServiceServer('notes', logger, database, messaging);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  return {
    database,
    messaging,
    call: (path: string, init?: RequestInit) => fetch(`${base}${path}`, init),
    async stop() {
      await app.close();
      await provisioned.dispose();
    },
  };
}

describe('event-driven service kit on the embedded broker', () => {
  let broker: ReturnType<typeof scratchBroker>;
  let service: Awaited<ReturnType<typeof startNoteService>>;
  let publisher: Broker;
  beforeEach(async () => {
    broker = scratchBroker();
    publisher = await openBrokerFromUrl(broker.url, {
      namespace: broker.namespace,
      events: eventRules,
      logger,
    });
  });
  afterEach(async () => {
    await service?.stop();
    await publisher.close();
    broker.dispose();
  });

  it('when work commits, then its row and its events are in the outbox together and the relay publishes them', async () => {
    service = await startNoteService(broker);
    const recorder = recordDeliveries((delivery) => delivery.ack());
    await publisher.subscribe({ group: 'listener', types: ['ArticlePublished'], handle: recorder.handle });
    const event = articlePublished(11, 'Committed');
    const { result, events } = await service.messaging.commit(async (tx, emit) => {
      await tx.insertInto('notes').values({ id: 1, title: 'mine' }).execute();
      emit(event);
      return 'done';
    });
    expect(result).toBe('done');
    expect(events).toEqual([event]);
    await recorder.until((ids) => ids.includes(event.id));
    const outbox = await service.database.db.selectFrom('outbox').select(['event_id']).execute();
    expect(outbox).toEqual([{ event_id: event.id }]);
  });

  it('when work throws after emitting, then neither its row nor its event is kept', async () => {
    service = await startNoteService(broker);
    await expect(
      service.messaging.commit(async (tx, emit) => {
        await tx.insertInto('notes').values({ id: 2, title: 'lost' }).execute();
        emit(articlePublished(12));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await service.database.db.selectFrom('notes').selectAll().execute()).toEqual([]);
    expect(await service.database.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });

  it('when an event is not applied yet, then /events/applied says which are missing; once applied, a waiting poll answers true', async () => {
    service = await startNoteService(broker);
    const event = articlePublished(21);
    const notYet = await service.call(`/events/applied?ids=${event.id}&waitMs=0`);
    expect(notYet.status).toBe(200);
    expect(await notYet.json()).toEqual({ applied: false, missing: [event.id] });

    const waiting = service.call(`/events/applied?ids=${event.id}&waitMs=5000`);
    await publisher.publish(event);
    const answer = await waiting;
    expect(await answer.json()).toEqual({ applied: true });
    expect(await service.database.db.selectFrom('notes').selectAll().execute()).toEqual([
      { id: 21, title: 'Article 21' },
    ]);
  });

  it('when /events/applied is asked something malformed, then it answers 422 naming ids', async () => {
    service = await startNoteService(broker);
    for (const query of ['ids=', 'ids=not-a-uuid', `ids=${articlePublished(1).id}&waitMs=soon`, '']) {
      const response = await service.call(`/events/applied?${query}`);
      expect(response.status, query).toBe(422);
      expect(Object.keys((await response.json()).errors), query).toHaveLength(1);
    }
  });

  it('when the same event is delivered twice, then it is applied once', async () => {
    service = await startNoteService(broker);
    const event = articlePublished(31);
    await publisher.publish(event);
    await publisher.publish(event);
    const second = articlePublished(32);
    await publisher.publish(second);
    // A bound for a broken run, not a speed check: each try waits up to 1 s, the test up to 120 s.
    await eventually(
      async () => {
        const answer = await service
          .call(`/events/applied?ids=${second.id}&waitMs=1000`)
          .then((r) => r.json());
        expect(answer.applied).toBe(true);
      },
      { timeoutMs: 60_000 },
    );
    expect(await service.database.db.selectFrom('notes').select('id').orderBy('id').execute()).toEqual([
      { id: 31 },
      { id: 32 },
    ]);
  });

  it('when a message keeps failing, then /dead-letters lists it and a replay applies it once the fault is gone', async () => {
    let failing = true;
    service = await startNoteService(broker, { failing: () => failing });
    const event = articlePublished(41);
    await publisher.publish(event);
    const listed = await eventually(
      async () => {
        const body = (await service.call('/dead-letters').then((r) => r.json())) as {
          deadLetters: { id: number }[];
        };
        expect(body.deadLetters).not.toEqual([]);
        return body;
      },
      { timeoutMs: 60_000 },
    );
    expect(listed.deadLetters).toEqual([
      expect.objectContaining({
        group: 'notes',
        eventId: event.id,
        type: 'ArticlePublished',
        error: 'notes are read-only today',
        attempts: 2,
        message: event,
      }),
    ]);
    const id = listed.deadLetters[0]!.id;
    const replay = () => service.call(`/dead-letters/${id}/replay`, { method: 'POST' });

    const stillFailing = await replay();
    expect(stillFailing.status).toBe(409);
    failing = false;
    const replayed = await replay();
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toEqual({ outcome: 'applied' });
    expect(await service.database.db.selectFrom('notes').select('id').execute()).toEqual([{ id: 41 }]);
    expect(await (await service.call(`/events/applied?ids=${event.id}`)).json()).toEqual({ applied: true });

    expect((await replay()).status).toBe(409);
    expect((await service.call('/dead-letters/999/replay', { method: 'POST' })).status).toBe(404);
    expect((await service.call('/dead-letters/abc/replay', { method: 'POST' })).status).toBe(404);
    expect(await (await service.call('/dead-letters')).json()).toEqual({ deadLetters: [] });
    const all = await (await service.call('/dead-letters?includeReplayed=true')).json();
    expect(all.deadLetters).toHaveLength(1);
  });

  it('when /ready is asked, then it names the database; /health answers without it', async () => {
    service = await startNoteService(broker);
    expect(await (await service.call('/health')).json()).toEqual({ status: 'ok', service: 'notes' });
    expect(await (await service.call('/ready')).json()).toMatchObject({ status: 'ready', service: 'notes' });
  });
});

describe('announcing committed events', () => {
  it('when events are announced, then the header lists type:id and reads back the same', () => {
    const events: DomainEvent[] = [
      articlePublished(1),
      createEvent('UserFollowed', { followerId: 1, followedId: 2 }),
    ];
    const header = formatAnnouncedEvents(events);
    expect(header).toBe(`ArticlePublished:${events[0]!.id},UserFollowed:${events[1]!.id}`);
    expect(parseAnnouncedEvents(header)).toEqual(events.map(({ type, id }) => ({ type, id })));
    expect(parseAnnouncedEvents(undefined)).toEqual([]);
    expect(parseAnnouncedEvents('junk,,A:b:c')).toEqual([]);
    expect(EVENTS_HEADER).toBe('x-journey-events');
  });
});
