import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedBroker } from '@journey/broker';
import { createLogger } from '@journey/platform';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { articlePublished, sampleRules } from './sample-events.js';

describe('embedded log change watch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journey-event-log-watch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Regression: one data_version counter was shared by a broker's subscriptions, so the first to
  // look consumed the change and the others waited for their next poll.
  it('when another connection commits, then every idle subscription of a broker sees it, not only the first to look', async () => {
    const path = join(dir, 'events.sqlite');
    const publisher = openEmbeddedBroker({
      path,
      events: sampleRules,
      logger: createLogger('publisher', 'silent'),
    });
    // No poll within the test: only the change watch can deliver.
    const subscriber = openEmbeddedBroker({
      path,
      events: sampleRules,
      logger: createLogger('subscriber', 'silent'),
      pollIntervalMs: 600_000,
    });
    const received: Record<string, string[]> = { feed: [], search: [] };
    try {
      for (const group of Object.keys(received))
        await subscriber.subscribe({
          group,
          types: ['ArticlePublished'],
          async handle(delivery) {
            received[group]!.push(delivery.id);
            await delivery.ack();
          },
        });
      const event = articlePublished(1);
      await publisher.publish(event);
      await vi.waitFor(() => expect(received).toEqual({ feed: [event.id], search: [event.id] }), {
        timeout: 10_000,
        interval: 20,
      });
    } finally {
      await subscriber.close();
      await publisher.close();
    }
  });
});
