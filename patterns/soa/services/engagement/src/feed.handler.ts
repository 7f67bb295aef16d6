import { parsePage, ValidationFailed } from '@journey/conduit-rules';
import type { EngagementV1, PageRequest } from '@journey/soa-contracts';
import { articlePage } from '@journey/soa-enterprise-data';
import { type EnterpriseData, requireViewer } from '@journey/soa-service-host';
import { invalid } from './faults.js';
import type { Handler } from './handler.js';

/** The viewer's feed: articles by the people they follow, newest first, so every author is followed. */
export const feedHandler =
  (data: EnterpriseData): Handler<EngagementV1['Feed']> =>
  async ({ page }, context) => {
    const viewerId = requireViewer(context);
    const feed = await articlePage(data.db, { followedBy: viewerId }, pageRequest(page), viewerId);
    return {
      ...feed,
      article: feed.article.map((article) => ({
        ...article,
        author: { ...article.author, following: true },
      })),
    };
  };

/**
 * The paging rules of every pattern (conduit-rules' parsePage): absent is the first 20, a limit over
 * 100 is capped, a limit under 1 or an offset past 10^9 is refused. The bus applied them already; a
 * consumer calling the service directly may not have, and the kit leaves range facets to handlers.
 */
function pageRequest(page: Partial<PageRequest> | undefined): PageRequest {
  try {
    return parsePage({ limit: page?.limit?.toString(), offset: page?.offset?.toString() });
  } catch (error) {
    throw error instanceof ValidationFailed ? invalid(error.errors) : error;
  }
}
