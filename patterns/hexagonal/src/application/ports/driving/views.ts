import type { Profile } from '../../../domain/profile.js';

/**
 * What the use cases return. Shaped like the Conduit API on purpose (so the HTTP adapter has
 * nothing to map), but declared here: the core does not import the HTTP contract; the compiler
 * checks the two still agree where the HTTP adapter hands these to Fastify.
 */
export interface UserView {
  email: string;
  token: string;
  username: string;
  bio: string | null;
  image: string | null;
}

export type ProfileView = Profile;

export interface ArticleSummaryView {
  slug: string;
  title: string;
  description: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  author: ProfileView;
}

export interface ArticleView extends ArticleSummaryView {
  body: string;
}

export interface ArticleListView {
  articles: ArticleSummaryView[];
  articlesCount: number;
}

export interface CommentView {
  id: number;
  createdAt: string;
  updatedAt: string;
  body: string;
  author: ProfileView;
}
