import { draftComment, OnlyTheAuthorMayDeleteTheComment, parseCommentId } from '../domain/comment.js';
import { authorize } from './authorize.js';
import { authorOf, profilesOf } from './authors.js';
import type { ServiceDeps } from './deps.js';
import { NotFound } from './errors.js';
import type { CommentView } from './views.js';

export function createCommentsService({ data, clock }: ServiceDeps) {
  async function articleId(slug: string): Promise<number> {
    const article = await data.articles.bySlug(slug);
    if (!article) throw new NotFound('article');
    return article.id;
  }

  return {
    async list(viewerId: number | null, slug: string): Promise<CommentView[]> {
      const comments = await data.comments.ofArticle(await articleId(slug));
      const authors = await profilesOf(
        data,
        viewerId,
        comments.map((c) => c.authorId),
      );
      return comments.map((comment) => ({
        comment,
        author: authorOf(authors, comment.authorId, `comment ${comment.id}`),
      }));
    },

    async add(authorId: number, slug: string, input: { body: string }): Promise<CommentView> {
      const { body } = draftComment(input);
      const comment = await data.comments.insert(
        { articleId: await articleId(slug), authorId, body },
        clock(),
      );
      const authors = await profilesOf(data, authorId, [authorId]);
      return { comment, author: authorOf(authors, authorId, `comment ${comment.id}`) };
    },

    async remove(viewerId: number, slug: string, rawId: string): Promise<void> {
      const onArticle = await articleId(slug);
      const id = parseCommentId(rawId);
      const comment = id === undefined ? undefined : await data.comments.byId(onArticle, id);
      if (!comment) throw new NotFound('comment');
      authorize(new OnlyTheAuthorMayDeleteTheComment(comment, viewerId));
      await data.comments.delete(comment.id);
    },
  };
}

export type CommentsService = ReturnType<typeof createCommentsService>;
