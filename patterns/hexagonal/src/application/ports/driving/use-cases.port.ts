import type { ArticleEdit, Draft } from '../../../domain/article.js';
import type { Registration, UserChanges, UserId } from '../../../domain/user.js';
import type { ArticleListView, ArticleView, CommentView, ProfileView, UserView } from './views.js';

/** The signed-in user, or null for an anonymous caller. */
export type Viewer = UserId | null;

export interface PageQuery {
  limit?: string | undefined;
  offset?: string | undefined;
}

export interface ArticleQuery extends PageQuery {
  tag?: string | undefined;
  author?: string | undefined;
  favorited?: string | undefined;
}

/**
 * pattern: the driving port. Everything the outside world may ask of the core, one use case per
 * member, each implemented in `use-cases/<name>.use-case.ts`. The HTTP and CLI adapters depend on
 * this interface only, never on the use-case files or the driven adapters behind them.
 */
export interface Conduit {
  registerUser(input: Registration): Promise<UserView>;
  logIn(input: { email: string; password: string }): Promise<UserView>;
  /** The user a bearer token belongs to; throws Unauthorized for a bad token. */
  authenticate(token: string): Promise<UserId>;
  /** Admin only: the id of a username, so a trusted adapter (the CLI) can act as that user. */
  identifyUser(username: string): Promise<UserId>;
  getCurrentUser(viewer: UserId): Promise<UserView>;
  updateUser(viewer: UserId, changes: UserChanges): Promise<UserView>;

  getProfile(viewer: Viewer, username: string): Promise<ProfileView>;
  followUser(viewer: UserId, username: string): Promise<ProfileView>;
  unfollowUser(viewer: UserId, username: string): Promise<ProfileView>;

  listArticles(viewer: Viewer, query: ArticleQuery): Promise<ArticleListView>;
  listFeed(viewer: UserId, query: PageQuery): Promise<ArticleListView>;
  getArticle(viewer: Viewer, slug: string): Promise<ArticleView>;
  publishArticle(author: UserId, draft: Draft): Promise<ArticleView>;
  editArticle(viewer: UserId, slug: string, edit: ArticleEdit): Promise<ArticleView>;
  deleteArticle(viewer: UserId, slug: string): Promise<void>;
  favoriteArticle(viewer: UserId, slug: string): Promise<ArticleView>;
  unfavoriteArticle(viewer: UserId, slug: string): Promise<ArticleView>;
  listTags(): Promise<string[]>;

  listComments(viewer: Viewer, slug: string): Promise<CommentView[]>;
  addComment(viewer: UserId, slug: string, body: string): Promise<CommentView>;
  deleteComment(viewer: UserId, slug: string, commentId: string): Promise<void>;
}

export type UseCase<K extends keyof Conduit> = Conduit[K];
