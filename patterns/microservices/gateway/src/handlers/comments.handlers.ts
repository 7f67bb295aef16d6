import type { ConduitHandlers } from '@journey/conduit-http';
import { authorsOf, viewerAsAuthor } from '../authors.js';
import type { Clients } from '../clients/index.js';
import { toComment } from '../compose.js';
import { forwarded } from '../forwarded.js';

/**
 * Comments are stored by article id; the slug in the URL is the articles service's to resolve (and
 * its 404 to give). Then the comments, then their authors in one batch: three hops in a row.
 */
export function commentsHandlers(
  clients: Clients,
): ConduitHandlers<'GetArticleComments' | 'CreateArticleComment' | 'DeleteArticleComment'> {
  const { articles, comments } = clients;
  const articleId = async (viewerId: number | null, slug: string) => (await articles.get(viewerId, slug)).id;

  return {
    GetArticleComments: async ({ viewerId, params }) => {
      const records = await comments.list(await articleId(viewerId, params.slug));
      const authors = await authorsOf(
        clients,
        viewerId,
        records.map((c) => c.authorId),
      );
      return { comments: records.map((record) => toComment(record, authors)) };
    },
    CreateArticleComment: async ({ viewerId, params, body }) => {
      // Every read the answer needs comes first: after the comment is stored, nothing can fail it. In
      // turn, not at once: an identity call left running when the slug 404s was cut off by the gateway,
      // and under a burst of those (deletes racing comments) the mesh ejected identity as failing.
      const id = await articleId(viewerId, params.slug);
      const author = await viewerAsAuthor(clients, viewerId);
      const record = await comments.add(viewerId, id, forwarded.newComment(body.comment));
      return { comment: toComment(record, author) };
    },
    DeleteArticleComment: async ({ viewerId, params }) =>
      comments.remove(viewerId, await articleId(viewerId, params.slug), params.id),
  };
}
