import { Rules } from '@journey/conduit-rules';
import type { ArticleId } from './article.js';
import { Forbidden } from './errors.js';
import type { UserId } from './user.js';

export type CommentId = number;

export interface Comment {
  id: CommentId;
  articleId: ArticleId;
  authorId: UserId;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export function checkCommentBody(body: string): void {
  new Rules().required('body', body).check();
}

/** Comment ids arrive as URL text; anything but a plain whole number names no comment. */
export function parseCommentId(raw: string): CommentId | undefined {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

export function checkCanDelete(comment: Pick<Comment, 'authorId'>, userId: UserId): void {
  if (comment.authorId !== userId) throw new Forbidden('only the author may delete this comment');
}
