import type { EngagementV1 } from '@journey/soa-contracts';
import { articlePage } from '@journey/soa-enterprise-data';
import { type EnterpriseData, requireViewer } from '@journey/soa-service-host';
import type { Handler } from './handler.js';

/**
 * The viewer's feed: articles by the people they follow, newest first, so every author is followed.
 * The page is within the contract's bounds (limit 1..100, offset 0..10^9): the kit refuses any other.
 */
export const feedHandler =
  (data: EnterpriseData): Handler<EngagementV1['Feed']> =>
  async ({ page }, context) => {
    const viewerId = requireViewer(context);
    const feed = await articlePage(data.db, { followedBy: viewerId }, page, viewerId);
    return {
      ...feed,
      article: feed.article.map((article) => ({
        ...article,
        author: { ...article.author, following: true },
      })),
    };
  };
