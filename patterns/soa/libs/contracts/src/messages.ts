import type { Article, Comment, Id, Page, PageRequest, Profile, TagList, User } from './canonical.js';

/**
 * Each operation's request (`<Op>`) and answer (`<Op>Response`) body, matching ../xsd/<service>-v<n>.xsd
 * with the conventions of canonical.ts. Keyed by operation so a caller can be typed as
 * `call<O extends keyof IdentityV1>(op: O, request: IdentityV1[O]['request'])`.
 */
type Empty = Record<string, never>;
type Op<Request, Response> = { request: Request; response: Response };

export interface IdentityV1 {
  Register: Op<{ username: string; email: string; password: string }, { user: User }>;
  Authenticate: Op<{ email: string; password: string }, { user: User }>;
  GetCurrentUser: Op<Empty, { user: User }>;
  /** Absent: unchanged; `null` (sent as xsi:nil) clears bio or image. */
  UpdateUser: Op<
    {
      email?: string;
      username?: string;
      password?: string;
      bio?: string | null;
      image?: string | null;
    },
    { user: User }
  >;
  GetProfile: Op<{ username: string }, { profile: Profile }>;
}

/** A page of articles, without their bodies. */
export interface ArticlePage {
  article: Article[];
  page: Page;
}

export interface PublishingV1 {
  CreateArticle: Op<
    { title: string; description: string; body: string; tagList?: TagList },
    { article: Article }
  >;
  GetArticle: Op<{ slug: string }, { article: Article }>;
  ListArticles: Op<{ tag?: string; author?: string; favoritedBy?: string; page: PageRequest }, ArticlePage>;
  UpdateArticle: Op<
    { slug: string; title?: string; description?: string; body?: string },
    { article: Article }
  >;
  DeleteArticle: Op<{ slug: string }, Empty>;
  ListTags: Op<Empty, { tag: string[] }>;
  AddComment: Op<{ slug: string; body: string }, { comment: Comment }>;
  ListComments: Op<{ slug: string }, { comment: Comment[] }>;
  DeleteComment: Op<{ slug: string; commentId: Id }, Empty>;
}

export interface EngagementV1 {
  Favorite: Op<{ slug: string }, { article: Article }>;
  Unfavorite: Op<{ slug: string }, { article: Article }>;
  Follow: Op<{ username: string }, { profile: Profile }>;
  Unfollow: Op<{ username: string }, { profile: Profile }>;
  Feed: Op<{ page: PageRequest }, ArticlePage>;
}

/** v2 answers Follow and Unfollow with the profile's follower count too; everything else is v1's. */
export interface EngagementV2 extends Omit<EngagementV1, 'Follow' | 'Unfollow'> {
  Follow: Op<{ username: string }, { profile: Profile; followersCount?: number }>;
  Unfollow: Op<{ username: string }, { profile: Profile; followersCount?: number }>;
}
