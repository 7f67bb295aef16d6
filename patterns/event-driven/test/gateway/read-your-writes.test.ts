import { randomUUID } from 'node:crypto';
import { type Broker, openBrokerFromUrl } from '@journey/broker';
import { createEvent, eventRules } from '@journey/event-driven-events';
import { createReadYourWrites } from '@journey/event-driven-gateway/read-your-writes';
import { createServiceClient, type ServiceClient } from '@journey/event-driven-gateway/service-client';
import { buildViews } from '@journey/event-driven-views';
import { freePort } from '@journey/orchestrator';
import { createLogger } from '@journey/platform';
import { provisionDatabase } from '@journey/provisioning';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchBroker } from '../support/scratch-broker.js';

const logger = createLogger('read-your-writes-test', 'silent');
const budget = { timeoutMs: 10_000, breakAfter: 5, halfOpenAfterMs: 5_000 };

/**
 * The gateway's wait against a real consumer: the views service, fed through a real (embedded)
 * broker, answering its real `/events/applied` long poll. Profiles and comments are not running.
 */
describe('read-your-writes: waiting for the consumers of a command’s events', () => {
  const broker = scratchBroker();
  let views: Awaited<ReturnType<typeof buildViews>>;
  let publisher: Broker;
  let disposeDatabase: () => Promise<void>;
  const clients: ServiceClient[] = [];
  const client = (name: 'profiles' | 'comments' | 'views', url: string) => {
    const made = createServiceClient(name, url, logger, budget);
    clients.push(made);
    return made;
  };
  let consumers: Record<'profiles' | 'comments' | 'views', ServiceClient>;

  beforeAll(async () => {
    const database = await provisionDatabase('event-driven', 'ryw-views', 'sqlite', { fresh: true });
    disposeDatabase = database.dispose;
    views = await buildViews({ databaseUrl: database.url, broker, logger });
    const address = await views.app.listen({ port: 0, host: '127.0.0.1' });
    publisher = await openBrokerFromUrl(broker.url, {
      namespace: broker.namespace,
      events: eventRules,
      logger,
    });
    const nobody = `http://127.0.0.1:${await freePort()}`;
    consumers = {
      profiles: client('profiles', nobody),
      comments: client('comments', nobody),
      views: client('views', address),
    };
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await publisher?.close();
    await views?.close();
    await disposeDatabase?.();
    broker.dispose();
  });

  it('when the only consumer of an event applies it, then nothing is pending', async () => {
    const followed = createEvent('UserFollowed', { followerId: 2, followedId: 1 });
    const waiting = createReadYourWrites(consumers, 60_000, logger).wait([followed]);
    // Published after the gateway started waiting: the long poll is woken, not answered from the past.
    await publisher.publish(followed);
    expect((await waiting).pending).toEqual([]);
  });

  it('when a consumer never applies the event (it never arrived), then it is pending once the wait runs out', async () => {
    const neverPublished = { type: 'ArticleFavorited', id: randomUUID() };
    const outcome = await createReadYourWrites(consumers, 300, logger).wait([neverPublished]);
    expect(outcome.pending).toEqual(['views']);
    expect(outcome.waitedMs).toBeGreaterThanOrEqual(300);
  });

  it('when an event has several consumers, then each is asked, and one that cannot be reached is pending while the other applies', async () => {
    const registered = createEvent('UserRegistered', { userId: 9, username: 'nine', bio: null, image: null });
    await publisher.publish(registered);
    // The catalogue says profiles and views consume UserRegistered; profiles is not running.
    const outcome = await createReadYourWrites(consumers, 60_000, logger).wait([registered]);
    expect(outcome.pending).toEqual(['profiles']);
  });

  it('when a command announced nothing, or a type the catalogue does not know, then there is nothing to wait for', async () => {
    const readYourWrites = createReadYourWrites(consumers, 60_000, logger);
    expect(await readYourWrites.wait([])).toEqual({ pending: [], waitedMs: 0 });
    expect(await readYourWrites.wait([{ type: 'ArticleRenamed', id: randomUUID() }])).toEqual({
      pending: [],
      waitedMs: 0,
    });
  });
});
