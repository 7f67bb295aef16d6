import { createLogger } from '@journey/platform';
import type { Kysely } from 'kysely';
import { functionDatabase } from '../../core/database.js';
import { ARTICLE_PUBLISHED, parseArticlePublished } from '../../core/event-catalogue.js';
import { conduitEventFunction } from '../../core/event-function.js';
import type { ServerlessDatabase } from '../../core/event-tables.js';
import { now } from '../shared/now.js';
import { notifyFollowers } from './notifications.js';

const log = createLogger('serverless-notify-followers');

/** Triggered by `article-published`: a notification for each follower of the author, once. */
const notify = conduitEventFunction(
  {
    name: 'notify-followers',
    eventType: ARTICLE_PUBLISHED,
    parseData: parseArticlePublished,
    async handler(event) {
      // The pattern's own tables sit beside the Conduit schema in the same database.
      const db = functionDatabase().db as unknown as Kysely<ServerlessDatabase>;
      const written = await notifyFollowers(db, event.data, now());
      log.info({ eventId: event.id, articleId: event.data.articleId, written }, 'followers notified');
    },
  },
  log,
);

export const handler = notify.handler;
export const definition = notify;
