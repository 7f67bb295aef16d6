import type { Server } from 'node:http';
import { cloudEvent } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createLogger } from '@journey/platform';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ARTICLE_PUBLISHED,
  type ArticlePublishedEvent,
  articlePublishedEvent,
  parseArticlePublished,
} from '../../core/event-catalogue.js';
import { conduitEventFunction } from '../../core/event-function.js';
import { PUBSUB_MESSAGE_PUBLISHED, toCloudEventFunction } from '../../platforms/gcf/cloud-event-adapter.js';
import { cloudEventInvoker, pubsubCloudEvent } from '../../platforms/gcf/event-invoke.js';
import { close, listen } from './listen.js';

/**
 * `article-published` as Eventarc delivers a Pub/Sub message to a function deployed with
 * `--trigger-topic`, POSTed to the real functions-framework server the way the local runtime posts it.
 */
const silent = createLogger('cloud-event-adapter-test', 'silent');
const handled: ArticlePublishedEvent[] = [];
let failNext = false;
cloudEvent(
  'notifyFollowersProbe',
  toCloudEventFunction(
    conduitEventFunction(
      {
        name: 'notify-followers-probe',
        eventType: ARTICLE_PUBLISHED,
        parseData: parseArticlePublished,
        async handler(event) {
          if (failNext) throw new Error('the database is away');
          handled.push(event);
        },
      },
      silent,
    ),
    silent,
  ),
);

let server: Server;
let url: string;
beforeAll(async () => {
  server = getTestServer('notifyFollowersProbe');
  url = await listen(server);
});
afterAll(() => close(server));
beforeEach(() => {
  handled.length = 0;
  failNext = false;
});

const published = articlePublishedEvent({
  articleId: 7,
  slug: 'how-to',
  authorId: 3,
  title: 'How to',
  publishedAt: '2026-12-06T10:00:00.000Z',
});
const invoke = cloudEventInvoker(() => url);

function structured(overrides: Record<string, unknown>) {
  const { headers, body } = pubsubCloudEvent(published);
  const attributes = Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      name.startsWith('ce-') ? [[name.slice(3), value]] : [],
    ),
  );
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/cloudevents+json' },
    body: JSON.stringify({ ...attributes, data: JSON.parse(body), ...overrides }),
  });
}

describe('GCF CloudEvent adapter (Pub/Sub trigger)', () => {
  it('when the local runtime invokes the function with a binary-mode Pub/Sub CloudEvent, then the handler gets the Conduit event it carries', async () => {
    expect(await invoke('notify-followers', published)).toBe('handled');
    expect(handled).toEqual([published]);
  });

  it('when the same message arrives in structured mode, then the handler gets the same event', async () => {
    const response = await structured({});
    expect(response.status).toBe(204);
    expect(handled).toEqual([published]);
  });

  it('when the handler fails, then the framework answers 500 and the invoker throws, so the event is delivered again', async () => {
    failNext = true;
    await expect(invoke('notify-followers', published)).rejects.toThrow(/failed on event .* \(500\)/);
  });

  it.each([
    ['another CloudEvent type', { type: 'google.cloud.storage.object.v1.finalized' }],
    ['no id', { id: undefined }],
    ['an unknown spec version', { specversion: '0.3' }],
    ['a message that is not JSON', { data: { message: { data: Buffer.from('{').toString('base64') } } }],
    [
      'a Conduit event of the wrong shape',
      {
        data: {
          message: {
            data: Buffer.from(JSON.stringify({ ...published, data: { slug: 1 } })).toString('base64'),
          },
        },
      },
    ],
  ])(
    'when the event has %s, then it is acknowledged without the handler running (a retry would fail again)',
    async (_, overrides) => {
      const response = await structured(overrides);
      expect(response.status).toBe(204);
      expect(handled).toEqual([]);
    },
  );

  it('when the local runtime builds the CloudEvent, then it is what a Pub/Sub topic named after the event type delivers', () => {
    const { headers } = pubsubCloudEvent(published);
    expect(headers['ce-type']).toBe(PUBSUB_MESSAGE_PUBLISHED);
    expect(headers['ce-source']).toBe(
      `//pubsub.googleapis.com/projects/journey-local/topics/${ARTICLE_PUBLISHED}`,
    );
  });
});
