import { randomUUID } from 'node:crypto';
import { createEvent } from '@journey/event-driven-events';
import { loadTopology, type RunningTopology, startTopology } from '@journey/orchestrator';
import type { PatternCheckResult, PatternCommandContext } from '@journey/topology';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import events from '../lab/events.command.js';
import { conduitApi } from './support/conduit-api.js';

/** `journey events verify` against a running event-driven topology on SQLite and its embedded log. */
describe('journey events verify', () => {
  let running: RunningTopology;
  const api = conduitApi(() => running.url);
  let printed: string[] = [];
  let recorded: PatternCheckResult[] = [];
  /** What the lab hands the command: this topology's processes and infrastructure, output kept here. */
  const context = (): PatternCommandContext => ({
    pattern: 'event-driven',
    running: () => ({
      url: running.url,
      processes: running.processes.map(({ name, url }) => ({ name, url })),
    }),
    infrastructure: () =>
      running.infrastructure.map(({ name, kind, choice, url }) => ({ name, kind, choice, url })),
    print: (line) => printed.push(line),
    progress: () => {},
    record: (result) => recorded.push(result),
  });
  const verify = async () => {
    printed = [];
    recorded = [];
    return events(['verify'], context());
  };

  beforeAll(async () => {
    running = await startTopology(await loadTopology('event-driven'), {
      db: 'sqlite',
      broker: 'embedded',
      fresh: true,
      log: () => {},
    });
  }, 300_000);
  afterAll(() => running?.stop());

  it('when nothing was published yet, then it fails: a check that read no event proves nothing', async () => {
    expect(await verify()).toBe(1);
    const detail = 'no event in 5 outboxes yet: make some traffic first (journey seed event-driven)';
    expect(printed).toEqual([`✗ ${detail}`]);
    expect(recorded).toEqual([{ positionals: ['verify'], passed: false, detail }]);
  });

  it('when every stored event is real traffic, then it passes, says what it read and records the pass', async () => {
    // Real traffic through the gateway: events in the outboxes of identity, profiles, articles and comments.
    const author = await api.register('verify-author');
    await api.register('verify-reader');
    const published = await api.call('verify-author', 'POST', '/articles', {
      article: { title: 'Verified', description: 'd', body: 'b', tagList: ['verify'] },
    });
    expect(published.status).toBe(201);
    const slug = published.body.article.slug as string;
    const commented = await api.call('verify-reader', 'POST', `/articles/${slug}/comments`, {
      comment: { body: 'checked' },
    });
    expect(commented.status).toBe(200);
    expect((await api.call('verify-reader', 'POST', `/articles/${slug}/favorite`)).status).toBe(200);
    expect((await api.call('verify-reader', 'POST', `/profiles/${author}/follow`)).status).toBe(200);

    expect(await verify()).toBe(0);
    // Two registrations, a follow, a publish, a favorite, a comment: at least six events, five outboxes.
    expect(printed.at(-1)).toMatch(
      /^✓ \d+ events from 5 outboxes \(.*identity-db \d+.*\): every one validates against the event catalogue$/,
    );
    const total = Number(/(\d+) events/.exec(printed.at(-1)!)![1]);
    expect(total).toBeGreaterThanOrEqual(6);
    expect(recorded).toEqual([
      { positionals: ['verify'], passed: true, detail: `${total} events from 5 outboxes, all valid` },
    ]);
  });

  it('when an outbox holds an event with a missing field, then it fails naming its type, version, id and the schema error', async () => {
    const articles = running.ofKind('database').find((piece) => piece.name === 'articles-db')!;
    const { payload, ...envelope } = createEvent('ArticlePublished', {
      articleId: 999,
      slug: 'never-published',
      authorId: 1,
      title: 'Missing its tags',
      description: 'd',
      body: 'b',
      tagList: [],
      createdAt: new Date().toISOString(),
    });
    const { tagList: _dropped, ...withoutTags } = payload;
    const id = randomUUID();
    const file = new SQLite(articles.url);
    try {
      file.pragma('busy_timeout = 5000');
      // Marked published already, so the relay leaves it alone: it only stands for a bad event kept in the outbox.
      file
        .prepare('insert into outbox (event_id, type, body, created_at, published_at) values (?, ?, ?, ?, ?)')
        .run(
          id,
          'ArticlePublished',
          JSON.stringify({ ...envelope, id, payload: withoutTags }),
          new Date().toISOString(),
          new Date().toISOString(),
        );
    } finally {
      file.close();
    }

    expect(await verify()).toBe(1);
    expect(printed[0]).toMatch(new RegExp(`^✗ articles-db outbox #\\d+ {2}ArticlePublished v1 {2}${id}\\n`));
    expect(printed[0]).toContain('/payload/tagList');
    expect(printed.at(-1)).toMatch(
      /^✗ 1 of \d+ events from 5 outboxes .* do not validate against the event catalogue$/,
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ positionals: ['verify'], passed: false });
    expect(recorded[0]!.detail).toMatch(
      new RegExp(
        `^1 of \\d+ events from 5 outboxes invalid, first ArticlePublished v1 ${id}: .*/payload/tagList`,
      ),
    );
  });
});
