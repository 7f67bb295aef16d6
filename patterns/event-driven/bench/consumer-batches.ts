/**
 * How fast the views consumer applies ArticlePublished events (each fanned out to 20 followers'
 * feeds), one event per transaction against batches of 16, the broker left out: what bounds how fast
 * the read side catches up after a stall. `npm run bench -- event-driven` runs it and prints the
 * table; run alone it prints one JSON line per measurement on stdout and progress on stderr.
 *
 *   node --import tsx patterns/event-driven/bench/consumer-batches.ts [--events 1000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Delivery } from '@journey/broker';
import { createEvent, type DomainEvent } from '@journey/event-driven-events';
import { createIdempotentConsumer } from '@journey/event-driven-outbox';
import { openServiceDatabase } from '@journey/event-driven-service-kit';
import { type ViewsDatabase, viewsConsumer, viewsMigrations } from '@journey/event-driven-views';
import { createLogger } from '@journey/platform';

const FOLLOWERS = 20;
const BATCH_SIZES = [1, 16] as const;

const { values } = parseArgs({
  options: { events: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' } },
});
const events = Number(values.events);
const rounds = Number(values.rounds);
if (!(Number.isInteger(events) && events > 0 && Number.isInteger(rounds) && rounds > 0))
  throw new Error(`--events and --rounds take positive integers (got ${values.events}, ${values.rounds})`);

const logger = createLogger('consumer-batches-bench', 'silent');

/** A delivery as a broker would hand it over; settling it costs nothing here. */
const deliver = (event: DomainEvent): Delivery => ({
  id: event.id,
  type: event.type,
  key: '',
  message: JSON.parse(JSON.stringify(event)),
  ack: async () => {},
  nack: async () => {},
});

const published = (articleId: number) =>
  createEvent('ArticlePublished', {
    articleId,
    slug: `article-${articleId}`,
    authorId: 1,
    title: `Article ${articleId}`,
    description: 'How long does the read side take?',
    body: 'Long enough to measure.',
    tagList: ['bench', `tag${articleId % 10}`],
    createdAt: new Date().toISOString(),
  });

async function measure(round: number, batchSize: number, folder: string) {
  const database = await openServiceDatabase<never>(
    `sqlite:${join(folder, `views-${round}-${batchSize}.db`)}`,
    viewsMigrations,
  );
  try {
    const consumer = createIdempotentConsumer({
      ...viewsConsumer,
      database: database as unknown as ViewsDatabase,
      logger,
    });
    const setup: DomainEvent[] = [
      createEvent('UserRegistered', { userId: 1, username: 'author', bio: null, image: null }),
    ];
    for (let reader = 2; reader <= FOLLOWERS + 1; reader++) {
      setup.push(
        createEvent('UserRegistered', {
          userId: reader,
          username: `reader${reader}`,
          bio: null,
          image: null,
        }),
        createEvent('UserFollowed', { followerId: reader, followedId: 1 }),
      );
    }
    for (const event of setup) await consumer.handle(deliver(event));

    const deliveries = Array.from({ length: events }, (_, i) => deliver(published(1_000 + i)));
    const started = performance.now();
    for (let i = 0; i < deliveries.length; i += batchSize) {
      await consumer.handleBatch(deliveries.slice(i, i + batchSize));
    }
    const ms = performance.now() - started;
    return { batchSize, events, ms: Math.round(ms), eventsPerSec: Math.round((events / ms) * 1_000) };
  } finally {
    await database.db.destroy();
  }
}

const folder = mkdtempSync(join(tmpdir(), 'journey-consumer-bench-'));
try {
  for (let round = 1; round <= rounds; round++) {
    // Interleaved, so a noisy moment on the machine falls on both sides.
    for (const batchSize of BATCH_SIZES) {
      process.stderr.write(`round ${round}/${rounds}: ${events} events, batches of ${batchSize}\n`);
      console.log(JSON.stringify({ round, ...(await measure(round, batchSize, folder)) }));
    }
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
