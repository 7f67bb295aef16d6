import { randomUUID } from 'node:crypto';
import type { EventRules } from '@journey/broker';

/**
 * The broker's own test events: the smallest catalogue that exercises what the port promises (an
 * envelope, several types, a key per aggregate, a refused event). A pattern's catalogue is its own.
 */
export type SampleEventType = 'ArticlePublished' | 'ArticleUpdated' | 'ArticleDeleted' | 'ArticleFavorited';

export interface SampleEvent {
  id: string;
  type: SampleEventType;
  articleId: number;
  title: string;
}

/** Refuses an event whose article id is not a positive integer, naming the field, as a real catalogue would. */
export const sampleRules: EventRules<SampleEvent> = {
  validate(event) {
    if (!Number.isInteger(event.articleId) || event.articleId < 1)
      throw new Error(`invalid ${event.type} event: /articleId must be a positive integer`);
    return event;
  },
  keyOf: (event) => `article:${event.articleId}`,
};

export const sampleEvent = (
  type: SampleEventType,
  articleId: number,
  title = `Article ${articleId}`,
): SampleEvent => ({
  id: randomUUID(),
  type,
  articleId,
  title,
});

/** An ArticlePublished of article `articleId`, for tests that need many distinct events. */
export const articlePublished = (articleId: number): SampleEvent =>
  sampleEvent('ArticlePublished', articleId);
