import { openDatabase } from '@journey/conduit-sql';
import { loadTopology, type RunningTopology, startTopology } from '@journey/orchestrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerlessDatabase } from '../../core/event-tables.js';
import { conduitClient, eventually } from './conduit-client.js';

/**
 * `journey up serverless --platform <p> --single` and the event path end to end, through the lab's
 * own runner: the articles function publishes on the topology's broker, the runtime's delivery invokes
 * notify-followers the platform's way (AWS: serverless-offline's Lambda Invoke API; GCF: a CloudEvent
 * POSTed to the function's framework process), and the rows appear in the topology's database.
 */
for (const platform of ['aws', 'gcf'] as const) {
  describe(`article-published through the serverless topology on ${platform}`, () => {
    let running: RunningTopology;
    const conduit = conduitClient(() => running.url);

    beforeAll(async () => {
      running = await startTopology(await loadTopology('serverless'), {
        options: { platform, single: 'true' },
        fresh: true,
        log: () => {},
      });
    }, 300_000);
    afterAll(() => running?.stop(), 60_000);

    it('when an author with two followers publishes, then notify-followers writes a row for each', async () => {
      const author = `author-${platform}`;
      const authorToken = await conduit.register(author);
      for (const reader of [`reader-a-${platform}`, `reader-b-${platform}`]) {
        await conduit.follow(await conduit.register(reader), author);
      }
      const slug = await conduit.publish(authorToken, `Published on ${platform}`);

      const database = running.infrastructure.find(({ kind }) => kind === 'database');
      const { db } = openDatabase<ServerlessDatabase>(database!.url);
      try {
        const notified = () =>
          db
            .selectFrom('follower_notifications')
            .innerJoin('articles', 'articles.id', 'follower_notifications.article_id')
            .select('follower_notifications.follower_id')
            .where('articles.slug', '=', slug)
            .execute();
        expect(await eventually(notified, (rows) => rows.length === 2)).toHaveLength(2);
      } finally {
        await db.destroy();
      }
    }, 120_000);
  });
}
