import { conduitFunction } from '../../core/conduit-function.js';
import { feedOf } from './feed.js';
import { feedPlan } from './plan.js';

const feed = conduitFunction(feedPlan, {
  GetArticlesFeed: ({ database, viewerId, query }) => feedOf(database.db, viewerId, query),
});

export const handler = feed.handler;
export const definition = feed;
