import type { Page } from '@journey/conduit-rules';
import type { Article, ArticleId, ArticleSummary } from '../../../domain/article.js';
import type { UserId } from '../../../domain/user.js';

export type NewArticleRecord = Omit<Article, 'id' | 'favoritesCount'>;
export type ArticleUpdate = Partial<Pick<Article, 'slug' | 'title' | 'description' | 'body' | 'updatedAt'>>;

/** Which articles a list shows; every condition present must hold. */
export interface ArticleFilter {
  authorIds?: readonly UserId[];
  tag?: string;
  favoritedBy?: UserId;
}

export interface ArticleRepository {
  /** Throws `AlreadyTaken('slug')` when the slug exists. */
  create(article: NewArticleRecord): Promise<Article>;
  /** Throws `AlreadyTaken('slug')` when a new slug exists. Does nothing for an unknown id. */
  update(id: ArticleId, changes: ArticleUpdate): Promise<void>;
  /** Removes the article with its tags and favorites (comments are the comment repository's). */
  remove(id: ArticleId): Promise<void>;
  bySlug(slug: string): Promise<Article | undefined>;
  slugExists(slug: string): Promise<boolean>;
  /** Newest first (by id: the order of publication), with the total number matching the filter. */
  page(filter: ArticleFilter, page: Page): Promise<{ articles: ArticleSummary[]; total: number }>;

  /** True when the favorite is new; false when the user already favorited it, or it is gone (deleted meanwhile). */
  addFavorite(articleId: ArticleId, userId: UserId): Promise<boolean>;
  /** True when a favorite was removed; false when there was none. */
  removeFavorite(articleId: ArticleId, userId: UserId): Promise<boolean>;
  /** Moves `favoritesCount` by `delta` in one atomic step (never read-modify-write). */
  changeFavoritesCount(articleId: ArticleId, delta: 1 | -1): Promise<void>;
  /** Which of `articleIds` the user favorites. */
  favoritedAmong(userId: UserId, articleIds: readonly ArticleId[]): Promise<Set<ArticleId>>;

  /** Every tag in use, most used first, then by name. */
  popularTags(): Promise<string[]>;
}
