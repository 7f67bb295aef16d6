import { openBrokerFromUrl } from '@journey/broker';
import { createEvent, eventRules } from '@journey/event-driven-events';
import { loadTopology, type RunningTopology, startTopology } from '@journey/orchestrator';
import { createLogger } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeadLetters, projectionStates, replayDeadLetter, replayProjection } from '../lab/event-admin.js';

/** What `journey events …` calls, against a running event-driven topology on its embedded log. */
describe('event admin of a running event-driven topology', () => {
  let running: RunningTopology;
  const topology = () => ({ processes: running.processes.map(({ name, url }) => ({ name, url })) });
  let slug: string;

  beforeAll(async () => {
    running = await startTopology(await loadTopology('event-driven'), {
      db: 'sqlite',
      fresh: true,
      log: () => {},
    });
    const api = `${running.url}/api`;
    const json = { 'content-type': 'application/json' };
    const registered = await fetch(`${api}/users`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        user: { username: 'admin-test', email: 'admin@example.com', password: 'password-123' },
      }),
    }).then((r) => r.json());
    const published = await fetch(`${api}/articles`, {
      method: 'POST',
      headers: { ...json, authorization: `Token ${registered.user.token}` },
      body: JSON.stringify({
        article: { title: 'Replayed', description: 'd', body: 'b', tagList: ['admin'] },
      }),
    }).then((r) => r.json());
    slug = published.article.slug;
  }, 300_000);
  afterAll(() => running?.stop());

  it('when a projection is replayed, then it is rebuilt from the history to the same size', async () => {
    const names = (await projectionStates(topology())).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['feed', 'article views', 'tag popularity']));
    const outcome = await replayProjection(topology(), 'article-views');
    expect(outcome.projection).toBe('article views');
    expect(outcome.events).toBeGreaterThan(0);
    expect(outcome.rowsAfter).toBe(outcome.rowsBefore);
    await expect(replayProjection(topology(), 'popularity')).rejects.toThrow(
      /no projection "popularity"; choose from: .*tag-popularity/,
    );
  });

  it('when a consumer gives up on an event, then the dead letters list it by service, and a replay that fails again says why', async () => {
    expect(await listDeadLetters(topology())).toEqual([]);
    // A second ArticlePublished for an article views already has (another id, same article): a
    // producer bug. Views retries it with backoff, then parks it.
    const [broker] = running.ofKind('broker');
    const publisher = await openBrokerFromUrl(broker!.url, {
      // Every provisioned broker has one: its exchange or stream is named after it.
      namespace: broker!.namespace!,
      events: eventRules,
      logger: createLogger('event-admin-test', 'silent'),
    });
    await publisher.publish(
      createEvent('ArticlePublished', {
        // The only article of this fresh topology, so its id is 1.
        articleId: 1,
        slug: slug,
        authorId: 1,
        title: 'Again',
        description: 'd',
        body: 'b',
        tagList: [],
        createdAt: new Date().toISOString(),
      }),
    );
    await publisher.close();
    let letters = await listDeadLetters(topology());
    while (!letters.some((letter) => letter.service === 'views')) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      letters = await listDeadLetters(topology());
    }
    const letter = letters.find((l) => l.service === 'views')!;
    expect(letter).toMatchObject({ type: 'ArticlePublished', group: 'views', replayedAt: null });
    await expect(replayDeadLetter(topology(), 'views', letter.id)).rejects.toThrow(/views answered 409/);
    await expect(replayDeadLetter(topology(), 'identity', letter.id)).rejects.toThrow(/consumes no events/);
    await expect(replayDeadLetter(topology(), 'views', 999_999)).rejects.toThrow(/views answered 404/);
  });
});
