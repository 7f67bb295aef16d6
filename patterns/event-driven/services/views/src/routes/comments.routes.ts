import type { ConduitServer } from '@journey/conduit-http';
import { NotFound } from '@journey/conduit-rules';
import { viewerOf } from '@journey/event-driven-service-kit';
import { viewsApi as api } from '../api.js';
import type { ArticleQueries } from '../queries/articles.queries.js';
import type { CommentQueries } from '../queries/comments.queries.js';

export function commentsRoutes(app: ConduitServer, articles: ArticleQueries, comments: CommentQueries) {
  app.get(
    api.comments.path,
    { schema: { params: api.comments.params, response: { 200: api.comments.response } } },
    async (req) => {
      const articleId = await articles.idOf(req.params.slug);
      if (articleId === undefined) throw new NotFound('article');
      return { comments: await comments.ofArticle(viewerOf(req), articleId) };
    },
  );

  app.get(
    api.comment.path,
    { schema: { params: api.comment.params, response: { 200: api.comment.response } } },
    async (req) => {
      // An id we could never have issued names no comment: 404, like an unknown one.
      const id = /^[1-9]\d{0,14}$/.test(req.params.id) ? Number(req.params.id) : undefined;
      const comment = id === undefined ? undefined : await comments.byId(viewerOf(req), id);
      if (!comment) throw new NotFound('comment');
      return { comment };
    },
  );
}
