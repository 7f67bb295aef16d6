import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBrokerFromUrl } from '@journey/broker';
import { createLogger } from '@journey/platform';
import { postgres } from '@journey/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type ArticlePublishedEvent,
  articlePublishedEvent,
  conduitEventRules,
} from '../../core/event-catalogue.js';
import { closeEventPublisher } from '../../core/event-publisher.js';
import type { EventInvoker } from '../../core/event-types.js';
import { eventFunctions } from '../../functions/index.js';
import { type EventDelivery, startEventDelivery } from '../../platforms/local/event-delivery.js';
import { type FunctionHost, startFunctionHost } from '../support/function-host.js';
import { conduitClient, eventually } from './conduit-client.js';
import { type EventDatabase, eventDatabase } from './event-database.js';

/**
 * The whole event path on the embedded broker, the functions in this process: the articles function
 * publishes `article-published` after its write → the local delivery takes it from the consumer group
 * → notify-followers writes the follower rows. Waits poll the database, bounded by a number of looks.
 */
const silent = createLogger('event-delivery-test', 'silent');
const SETTINGS = ['JWT_SECRET', 'BROKER_URL', 'BROKER_NAMESPACE', 'LOG_LEVEL'] as const;

/** Calls each event function's handler in this process, as the `local` platform. */
async function inProcessInvoker(): Promise<EventInvoker> {
  const loaded = new Map(
    await Promise.all(
      eventFunctions.map(async (entry) => [entry.name, (await entry.load()).definition] as const),
    ),
  );
  return (name, event) => loaded.get(name)!.handler(event, { requestId: event.id, platform: 'local' });
}

const pg = await postgres();
for (const choice of ['sqlite', 'postgres'] as const) {
  const skip = choice === 'postgres' && !pg.available;
  describe.skipIf(skip)(
    `article-published delivered to notify-followers on ${choice}${skip ? ` (${pg.reason})` : ''}`,
    () => {
      const previous = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));
      const brokerDir = mkdtempSync(join(tmpdir(), 'journey-serverless-events-'));
      const brokerUrl = `embedded:${join(brokerDir, 'events.sqlite')}`;
      let database: EventDatabase;
      let host: FunctionHost;
      let delivery: EventDelivery | undefined;

      beforeAll(async () => {
        database = await eventDatabase(choice);
        Object.assign(process.env, {
          JWT_SECRET: 'event-delivery-test',
          BROKER_URL: brokerUrl,
          BROKER_NAMESPACE: 'event-delivery-test',
          LOG_LEVEL: 'warn',
        });
        host = await startFunctionHost();
      });
      afterAll(async () => {
        await delivery?.stop();
        await host?.close();
        await closeEventPublisher();
        await database?.dispose();
        for (const name of SETTINGS) {
          if (previous[name] === undefined) delete process.env[name];
          else process.env[name] = previous[name];
        }
        rmSync(brokerDir, { recursive: true, force: true });
      });

      const conduit = conduitClient(() => host.baseUrl);
      async function publish(token: string, title: string): Promise<number> {
        const slug = await conduit.publish(token, title);
        const row = await database.db
          .selectFrom('articles')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirstOrThrow();
        return row.id;
      }

      it('when an author with two followers publishes, then the delivery brings the event to notify-followers and both get a row', async () => {
        const author = await conduit.register(`author-${choice}`);
        for (const follower of [`reader-a-${choice}`, `reader-b-${choice}`]) {
          await conduit.follow(await conduit.register(follower), `author-${choice}`);
        }
        delivery = await startEventDelivery({
          brokerUrl,
          namespace: 'event-delivery-test',
          functions: eventFunctions,
          invoke: await inProcessInvoker(),
          logger: silent,
        });
        const articleId = await publish(author, 'Delivered once');

        const notified = await eventually(
          () => database.notified(articleId),
          (rows) => rows.length === 2,
        );
        expect(notified).toHaveLength(2);
      });

      it('when the broker cannot be reached after the write, then the article is still answered as saved (the event is lost and logged)', async () => {
        const author = await conduit.register(`unlucky-${choice}`);
        await closeEventPublisher();
        process.env.BROKER_URL = 'nowhere://broker';
        try {
          expect(await publish(author, 'Saved without its event')).toBeGreaterThan(0);
        } finally {
          process.env.BROKER_URL = brokerUrl;
        }
      });
    },
  );
}

describe('local event delivery when the function fails', () => {
  const brokerDir = mkdtempSync(join(tmpdir(), 'journey-serverless-retries-'));
  const brokerUrl = `embedded:${join(brokerDir, 'events.sqlite')}`;
  afterAll(() => rmSync(brokerDir, { recursive: true, force: true }));

  const event = (id: string): ArticlePublishedEvent => ({
    ...articlePublishedEvent({
      articleId: 1,
      slug: 's',
      authorId: 2,
      title: 't',
      publishedAt: '2026-12-06T10:00:00.000Z',
    }),
    id,
  });

  async function deliverWith(invoke: EventInvoker, logger = silent) {
    const publisher = await openBrokerFromUrl(brokerUrl, {
      namespace: 'retries',
      events: conduitEventRules,
      logger,
    });
    const delivery = await startEventDelivery({
      brokerUrl,
      namespace: 'retries',
      functions: [
        { name: 'notify-followers', trigger: 'article-published', group: `retries-${Math.random()}` },
      ],
      invoke,
      logger,
      maxAttempts: 3,
      retryDelayMs: 1,
    });
    return { publisher, delivery };
  }

  it('when the function fails twice and then succeeds, then the event is redelivered until it is handled', async () => {
    const attempts: string[] = [];
    let handled!: () => void;
    const done = new Promise<void>((resolve) => {
      handled = resolve;
    });
    const { publisher, delivery } = await deliverWith(async (_, received) => {
      attempts.push(received.id);
      if (attempts.length < 3) throw new Error('the database is away');
      handled();
      return 'handled';
    });
    await publisher.publish(event('flaky'));
    await done;
    await delivery.stop();
    await publisher.close();
    expect(attempts).toEqual(['flaky', 'flaky', 'flaky']);
  });

  it('when the function fails on every delivery, then the event is given up after the bounded attempts and logged as an error', async () => {
    const logger = createLogger('event-delivery-test', 'silent');
    let givenUp!: () => void;
    const logged = new Promise<void>((resolve) => {
      givenUp = resolve;
    });
    const errors = vi.spyOn(logger, 'error').mockImplementation((() => givenUp()) as never);
    const attempts: string[] = [];
    const { publisher, delivery } = await deliverWith(async (_, received) => {
      attempts.push(received.id);
      throw new Error('always failing');
    }, logger);
    await publisher.publish(event('poisoned'));
    await logged;
    await delivery.stop();
    await publisher.close();
    expect(attempts).toEqual(['poisoned', 'poisoned', 'poisoned']);
    expect(errors.mock.calls[0]?.[1]).toContain('given up');
  });
});
