import { randomUUID } from 'node:crypto';
import type { EventRules } from '@journey/broker';
import { env } from '@journey/platform';
import { conduitEventOf } from './event-function.js';
import type { ConduitEvent } from './event-types.js';

/** The serverless pattern's events. Their broker envelope is the ConduitEvent itself. */
export const ARTICLE_PUBLISHED = 'article-published';

/**
 * Names the exchange (RabbitMQ) or stream (NATS) behind BROKER_URL, for publisher and delivery alike:
 * the lab hands every process of a run the same BROKER_NAMESPACE.
 */
export const eventsNamespace = (): string => env.string('BROKER_NAMESPACE', 'journey-serverless') as string;

export interface ArticlePublished {
  articleId: number;
  slug: string;
  authorId: number;
  title: string;
  /** RFC 3339, the article's createdAt. */
  publishedAt: string;
}

export type ArticlePublishedEvent = ConduitEvent<ArticlePublished>;

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;
const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Throws naming every field that is wrong; what the consumer trusts nothing before. */
export function parseArticlePublished(data: unknown): ArticlePublished {
  const fields = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const { articleId, slug, authorId, title, publishedAt } = fields;
  const wrong = [
    isId(articleId) ? [] : ['articleId (a positive integer)'],
    isText(slug) ? [] : ['slug (a string)'],
    isId(authorId) ? [] : ['authorId (a positive integer)'],
    isText(title) ? [] : ['title (a string)'],
    isText(publishedAt) && !Number.isNaN(Date.parse(publishedAt)) ? [] : ['publishedAt (a timestamp)'],
  ].flat();
  if (wrong.length > 0) throw new Error(`article-published needs ${wrong.join(', ')}`);
  return { articleId, slug, authorId, title, publishedAt } as ArticlePublished;
}

export function articlePublishedEvent(article: ArticlePublished): ArticlePublishedEvent {
  return {
    id: randomUUID(),
    type: ARTICLE_PUBLISHED,
    source: '/functions/articles',
    time: new Date().toISOString(),
    data: article,
  };
}

/** What the broker checks before storing an event, and the key it keeps one article's events in order by. */
export const conduitEventRules: EventRules<ArticlePublishedEvent> = {
  validate: (event) =>
    conduitEventOf(event, { eventType: ARTICLE_PUBLISHED, parseData: parseArticlePublished }),
  keyOf: (event) => `article:${event.data.articleId}`,
};
