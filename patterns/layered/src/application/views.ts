import type { Article, ArticleSummary } from '../domain/article.js';
import type { Comment } from '../domain/comment.js';
import type { Profile } from '../domain/profile.js';
import type { User } from '../domain/user.js';

/**
 * What the use cases hand up to the http layer: domain objects plus what a viewer adds (a token,
 * `following`, `favorited`). The http layer picks the fields the contract shows (its presenters),
 * so `passwordHash`, `id` and `authorId` never reach a client.
 */
export interface UserView {
  user: User;
  token: string;
}

export type ProfileView = Profile;

export interface ArticleSummaryView {
  article: ArticleSummary;
  author: ProfileView;
  favorited: boolean;
}

export interface ArticleView extends ArticleSummaryView {
  article: Article;
}

export interface ArticlePage {
  articles: ArticleSummaryView[];
  total: number;
}

export interface CommentView {
  comment: Comment;
  author: ProfileView;
}
