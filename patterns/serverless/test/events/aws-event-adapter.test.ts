import { createLogger } from '@journey/platform';
import { describe, expect, it } from 'vitest';
import {
  ARTICLE_PUBLISHED,
  type ArticlePublishedEvent,
  articlePublishedEvent,
  parseArticlePublished,
} from '../../core/event-catalogue.js';
import { conduitEventFunction } from '../../core/event-function.js';
import { EVENT_SOURCE, eventBridgeEvent, eventBridgeHandler } from '../../platforms/aws/event-adapter.js';

/** An event function behind an EventBridge rule, called as Lambda calls it, with a recording handler. */
function probe(fail = false) {
  const handled: ArticlePublishedEvent[] = [];
  const definition = conduitEventFunction(
    {
      name: 'notify-followers',
      eventType: ARTICLE_PUBLISHED,
      parseData: parseArticlePublished,
      async handler(event) {
        if (fail) throw new Error('the database is away');
        handled.push(event);
      },
    },
    createLogger('aws-event-adapter-test', 'silent'),
  );
  return { handled, handler: eventBridgeHandler(definition) };
}

const published = articlePublishedEvent({
  articleId: 7,
  slug: 'how-to',
  authorId: 3,
  title: 'How to',
  publishedAt: '2026-12-06T10:00:00.000Z',
});
const context = { awsRequestId: 'req-1' };

describe('AWS EventBridge adapter', () => {
  it('when EventBridge invokes the function, then the handler gets the Conduit event from `detail`', async () => {
    const { handled, handler } = probe();
    expect(await handler(eventBridgeEvent(published), context)).toBe('handled');
    expect(handled).toEqual([published]);
  });

  it('when the local runtime builds the event, then it carries what the rule matches: the articles source and the event type as detail-type', () => {
    expect(eventBridgeEvent(published)).toMatchObject({
      source: EVENT_SOURCE,
      'detail-type': ARTICLE_PUBLISHED,
      id: published.id,
      detail: published,
    });
  });

  it('when the detail is malformed or missing, then the invocation succeeds as refused (EventBridge does not retry it)', async () => {
    const { handled, handler } = probe();
    expect(
      await handler({ ...eventBridgeEvent(published), detail: { ...published, data: {} } }, context),
    ).toBe('refused');
    expect(await handler({} as never, context)).toBe('refused');
    expect(handled).toEqual([]);
  });

  it('when the handler fails, then the invocation fails, so Lambda retries the asynchronous call', async () => {
    const { handler } = probe(true);
    await expect(handler(eventBridgeEvent(published), context)).rejects.toThrow('the database is away');
  });
});
