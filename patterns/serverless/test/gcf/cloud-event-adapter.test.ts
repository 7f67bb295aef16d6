import type { Server } from 'node:http';
import { cloudEvent } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toCloudEventFunction } from '../../platforms/gcf/cloud-event-adapter.js';
import type { ConduitEvent } from '../../platforms/gcf/conduit-event.js';
import { close, listen } from './listen.js';

/**
 * "Article published" as a CloudEvent posted to the real functions-framework server, the way
 * Eventarc delivers it to a deployed function. The data shape is the one proposed for feed fan-out.
 */
interface ArticlePublished {
  articleId: number;
  authorId: number;
  slug: string;
}

const ARTICLE_PUBLISHED = 'org.conduit.article.published.v1';

function parseArticlePublished(data: unknown): ArticlePublished {
  const { articleId, authorId, slug } = (data ?? {}) as Partial<ArticlePublished>;
  if (!Number.isInteger(articleId) || !Number.isInteger(authorId) || typeof slug !== 'string') {
    throw new Error('expected {articleId, authorId, slug}');
  }
  return { articleId: articleId!, authorId: authorId!, slug };
}

const handled: ConduitEvent<ArticlePublished>[] = [];
cloudEvent(
  'articlePublished',
  toCloudEventFunction({
    name: 'articlePublished',
    eventType: ARTICLE_PUBLISHED,
    parseData: parseArticlePublished,
    handler: async (event) => {
      handled.push(event);
    },
  }),
);

let server: Server;
let url: string;
beforeAll(async () => {
  server = getTestServer('articlePublished');
  url = await listen(server);
});
afterAll(() => close(server));
beforeEach(() => {
  handled.length = 0;
});

const structured = (event: Record<string, unknown>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/cloudevents+json' },
    body: JSON.stringify(event),
  });

const published = {
  specversion: '1.0',
  id: 'evt-1',
  source: '/functions/articles',
  type: ARTICLE_PUBLISHED,
  time: '2026-12-06T10:00:00Z',
  datacontenttype: 'application/json',
  data: { articleId: 7, authorId: 3, slug: 'how-to' },
};

describe('GCF CloudEvent adapter', () => {
  it('when a structured-mode CloudEvent arrives, then the handler gets its attributes and typed data, and the delivery is acknowledged', async () => {
    const response = await structured(published);

    expect(response.status).toBe(204);
    expect(handled).toEqual([
      {
        id: 'evt-1',
        source: '/functions/articles',
        type: ARTICLE_PUBLISHED,
        time: '2026-12-06T10:00:00Z',
        data: { articleId: 7, authorId: 3, slug: 'how-to' },
      },
    ]);
  });

  it('when the same event arrives in binary mode (ce-* headers), then the handler gets the same event', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'ce-specversion': '1.0',
        'ce-id': 'evt-1',
        'ce-source': '/functions/articles',
        'ce-type': ARTICLE_PUBLISHED,
        'ce-time': '2026-12-06T10:00:00Z',
      },
      body: JSON.stringify(published.data),
    });

    expect(response.status).toBe(204);
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ id: 'evt-1', data: published.data });
  });

  it.each([
    ['another event type', { ...published, type: 'org.conduit.article.deleted.v1' }],
    ['no id', { ...published, id: undefined }],
    ['an unknown spec version', { ...published, specversion: '0.3' }],
    ['data of the wrong shape', { ...published, data: { slug: 'how-to' } }],
  ])(
    'when the event has %s, then it is refused with an error status and the handler never runs',
    async (_, event) => {
      const response = await structured(event);

      expect(response.status).toBe(500);
      expect(handled).toHaveLength(0);
    },
  );
});
