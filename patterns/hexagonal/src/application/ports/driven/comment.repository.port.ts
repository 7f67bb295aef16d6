import type { ArticleId } from '../../../domain/article.js';
import type { Comment, CommentId } from '../../../domain/comment.js';

export type NewCommentRecord = Omit<Comment, 'id'>;

export interface CommentRepository {
  add(comment: NewCommentRecord): Promise<Comment>;
  /** Oldest first. */
  ofArticle(articleId: ArticleId): Promise<Comment[]>;
  /** Only a comment of that article: an id from another article's thread names nothing here. */
  byId(articleId: ArticleId, id: CommentId): Promise<Comment | undefined>;
  remove(id: CommentId): Promise<void>;
  removeAllOf(articleId: ArticleId): Promise<void>;
}
