import type * as Dto from '@journey/contract';
import type {
  ArticlePage,
  ArticleSummaryView,
  ArticleView,
  CommentView,
  ProfileView,
  UserView,
} from '../application/index.js';

/**
 * pattern: response DTO mapping. The application hands up domain objects; the contract decides
 * what a client sees. Every field is picked by name, so a new domain field (or `passwordHash`)
 * never reaches the wire by accident.
 */
export const presentUser = ({ user, token }: UserView): Dto.User => ({
  email: user.email,
  token,
  username: user.username,
  bio: user.bio,
  image: user.image,
});

export const presentProfile = (profile: ProfileView): Dto.Profile => ({
  username: profile.username,
  bio: profile.bio,
  image: profile.image,
  following: profile.following,
});

export const presentSummary = ({ article, author, favorited }: ArticleSummaryView): Dto.ArticleSummary => ({
  slug: article.slug,
  title: article.title,
  description: article.description,
  tagList: article.tagList,
  createdAt: article.createdAt,
  updatedAt: article.updatedAt,
  favorited,
  favoritesCount: article.favoritesCount,
  author: presentProfile(author),
});

export const presentArticle = (view: ArticleView): Dto.Article => ({
  ...presentSummary(view),
  body: view.article.body,
});

export const presentPage = (page: ArticlePage) => ({
  articles: page.articles.map(presentSummary),
  articlesCount: page.total,
});

export const presentComment = ({ comment, author }: CommentView): Dto.Comment => ({
  id: comment.id,
  createdAt: comment.createdAt,
  updatedAt: comment.updatedAt,
  body: comment.body,
  author: presentProfile(author),
});
