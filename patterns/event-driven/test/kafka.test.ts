import { KAFKA_MOCK_LABEL, KCAT_INSTALL } from '@journey/broker';
import { eventually } from '@journey/conformance/eventually';
import { loadTopology, type RunningTopology, startTopology } from '@journey/orchestrator';
import { type Provisioned, probeInfrastructure } from '@journey/provisioning';
import { installedProgram } from '@journey/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conduitApi } from './support/conduit-api.js';

/** How long the read side may take to converge: a bound for a broken run, not a speed check. */
const CONVERGED = { timeoutMs: 60_000, maxIntervalMs: 100 };

// The whole topology on Kafka, end to end: `journey up event-driven --broker kafka` as a test. The
// Conduit suites on Kafka pass too, but take over two minutes; this keeps what only Kafka adds.
const kcat = await installedProgram('kcat (librdkafka mock Kafka cluster)', 'kcat', KCAT_INSTALL);

describe.skipIf(!kcat.available)(
  `event-driven on kafka, librdkafka's mock cluster${kcat.reason ? ` (${kcat.reason})` : ''}`,
  () => {
    let running: RunningTopology;
    let broker: Provisioned;
    const api = conduitApi(() => running.url);

    beforeAll(async () => {
      running = await startTopology(await loadTopology('event-driven'), {
        db: 'sqlite',
        broker: 'kafka',
        fresh: true,
      });
      [broker] = running.ofKind('broker') as [Provisioned];
    }, 300_000);
    afterAll(() => running?.stop());

    it("when the topology starts on kafka, then its broker is the run's own mock cluster, and says so", () => {
      expect(broker.url).toMatch(/^kafka:\/\/127\.0\.0\.1:\d+$/);
      expect(broker.describe).toContain(KAFKA_MOCK_LABEL);
    });

    it("when a followed author publishes and a fan comments and favorites, then the events cross the cluster: the follower's feed, the comments and the count show them", async () => {
      const author = await api.register('author');
      await api.register('fan');
      expect((await api.call('fan', 'POST', `/profiles/${author}/follow`)).status).toBe(200);
      const published = await api.call('author', 'POST', '/articles', {
        article: { title: `On Kafka ${api.run}`, description: 'd', body: 'b', tagList: ['kafka'] },
      });
      expect(published.status).toBe(201);
      const { slug } = published.body.article;
      expect(
        (await api.call('fan', 'POST', `/articles/${slug}/comments`, { comment: { body: 'hi' } })).status,
      ).toBe(200);
      expect((await api.call('fan', 'POST', `/articles/${slug}/favorite`)).status).toBe(200);

      await eventually(async () => {
        const feed = await api.call('fan', 'GET', '/articles/feed');
        expect(feed.body.articles.map((a: { slug: string }) => a.slug)).toEqual([slug]);
        expect(feed.body.articles[0].favoritesCount).toBe(1);
        const comments = await api.call(null, 'GET', `/articles/${slug}/comments`);
        expect(comments.body.comments.map((c: { body: string }) => c.body)).toEqual(['hi']);
      }, CONVERGED);
    });

    it('when the run stops, then its mock cluster stops with it', async () => {
      expect((await probeInfrastructure(broker)).healthy).toBe(true);
      await running.stop();
      expect(await probeInfrastructure(broker)).toMatchObject({ healthy: false, detail: 'ECONNREFUSED' });
    });
  },
);
