import type { ConduitHandlers } from '@journey/conduit-http';
import { parsePage } from '@journey/conduit-rules';
import type { EnterpriseServices } from '../calls/enterprise-services.js';
import { completeFollowing } from '../orchestration/complete-following.js';
import {
  createArticleRequest,
  listArticlesRequest,
  toArticle,
  toArticleList,
  updateArticleRequest,
} from '../transformation/articles.transform.js';

/**
 * Articles are publishing's, favorites and the feed engagement's. Reads of publishing go through the
 * orchestration (completeFollowing); what the viewer wrote or edited has the viewer as author, whom
 * nobody can follow themselves, so those answers need no completion.
 */
export function articlesHandlers(
  services: EnterpriseServices,
): ConduitHandlers<
  | 'GetArticlesFeed'
  | 'GetArticles'
  | 'CreateArticle'
  | 'GetArticle'
  | 'UpdateArticle'
  | 'DeleteArticle'
  | 'CreateArticleFavorite'
  | 'DeleteArticleFavorite'
  | 'GetTags'
> {
  const { identity, publishing, engagement } = services;
  return {
    // Engagement knows who the viewer follows: the feed is those authors' articles.
    GetArticlesFeed: async ({ viewerId, query }) =>
      toArticleList(await engagement.call('Feed', { page: parsePage(query) }, viewerId)),
    GetArticles: async ({ viewerId, query }) => {
      const page = await publishing.call(
        'ListArticles',
        listArticlesRequest(query, parsePage(query)),
        viewerId,
      );
      return toArticleList({ ...page, article: await completeFollowing(identity, viewerId, page.article) });
    },
    CreateArticle: async ({ viewerId, body }) => ({
      article: toArticle(
        (await publishing.call('CreateArticle', createArticleRequest(body.article), viewerId)).article,
      ),
    }),
    GetArticle: async ({ viewerId, params }) => {
      const { article } = await publishing.call('GetArticle', { slug: params.slug }, viewerId);
      const [completed] = await completeFollowing(identity, viewerId, [article]);
      return { article: toArticle(completed!) };
    },
    UpdateArticle: async ({ viewerId, params, body }) => ({
      article: toArticle(
        (await publishing.call('UpdateArticle', updateArticleRequest(params.slug, body.article), viewerId))
          .article,
      ),
    }),
    DeleteArticle: async ({ viewerId, params }) => {
      await publishing.call('DeleteArticle', { slug: params.slug }, viewerId);
    },
    CreateArticleFavorite: async ({ viewerId, params }) => ({
      article: toArticle((await engagement.call('Favorite', { slug: params.slug }, viewerId)).article),
    }),
    DeleteArticleFavorite: async ({ viewerId, params }) => ({
      article: toArticle((await engagement.call('Unfavorite', { slug: params.slug }, viewerId)).article),
    }),
    GetTags: async () => ({ tags: (await publishing.call('ListTags', {}, null)).tag }),
  };
}
