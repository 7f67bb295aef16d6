import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Delivery } from '@journey/broker';
import { createEvent, type DomainEvent } from '@journey/event-driven-events';
import { createIdempotentConsumer } from '@journey/event-driven-outbox';
import { openServiceDatabase } from '@journey/event-driven-service-kit';
import { type ViewsDatabase, viewsConsumer, viewsMigrations } from '@journey/event-driven-views';
import { createLogger } from '@journey/platform';
import type { PatternBench } from '@journey/topology';

/**
 * How fast the views consumer applies ArticlePublished events (each fanned out to 20 followers'
 * feeds), one event per transaction against batches of 16, the broker left out: what bounds how fast
 * the read side catches up after a stall. Declared in pattern.ts; `npm run bench -- event-driven` runs it.
 */

const FOLLOWERS = 20;
const BATCH_SIZES = [1, 16] as const;
const EVENTS = 1_000;

export interface ConsumerBatchRow {
  round: number;
  batchSize: number;
  events: number;
  ms: number;
  eventsPerSec: number;
}

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

async function measure(round: number, batchSize: number, folder: string): Promise<ConsumerBatchRow> {
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

    const deliveries = Array.from({ length: EVENTS }, (_, i) => deliver(published(1_000 + i)));
    const started = performance.now();
    for (let i = 0; i < deliveries.length; i += batchSize) {
      await consumer.handleBatch(deliveries.slice(i, i + batchSize));
    }
    const ms = performance.now() - started;
    return {
      round,
      batchSize,
      events: EVENTS,
      ms: Math.round(ms),
      eventsPerSec: Math.round((EVENTS / ms) * 1_000),
    };
  } finally {
    await database.close();
  }
}

/** Best round per batch size, and each against one event per transaction. */
export function formatConsumerBatches(rows: ConsumerBatchRow[]): string {
  const best = new Map<number, ConsumerBatchRow>();
  for (const row of rows) {
    const seen = best.get(row.batchSize);
    if (!seen || row.eventsPerSec > seen.eventsPerSec) best.set(row.batchSize, row);
  }
  const baseline = best.get(1)?.eventsPerSec;
  const rounds = Math.max(0, ...rows.map((r) => r.round));
  const lines = [
    `Views consumer (event-driven) on SQLite, broker left out: ArticlePublished events, each fanned out to ${FOLLOWERS} feeds; ` +
      `best of ${rounds} interleaved rounds`,
    '',
    `${'batch'.padEnd(6)} ${'events'.padStart(7)} ${'events/s'.padStart(9)} ${'vs 1'.padStart(6)}`,
  ];
  for (const row of [...best.values()].sort((a, b) => a.batchSize - b.batchSize)) {
    const ratio = baseline ? `${((row.eventsPerSec / baseline) * 100).toFixed(0)}%` : 'n/a';
    lines.push(
      `${String(row.batchSize).padEnd(6)} ${String(row.events).padStart(7)} ${String(row.eventsPerSec).padStart(9)} ${ratio.padStart(6)}`,
    );
  }
  return lines.join('\n');
}

const consumerBatches: PatternBench = async ({ settings, progress }) => {
  const folder = mkdtempSync(join(tmpdir(), 'journey-consumer-bench-'));
  const rows: ConsumerBatchRow[] = [];
  try {
    for (let round = 1; round <= settings.rounds; round++) {
      // Interleaved, so a noisy moment on the machine falls on both sides.
      for (const batchSize of BATCH_SIZES) {
        progress(`consumer: round ${round}/${settings.rounds}: ${EVENTS} events, batches of ${batchSize}`);
        rows.push(await measure(round, batchSize, folder));
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return { text: formatConsumerBatches(rows), figures: rows };
};

export default consumerBatches;
