import type { Article } from '../domain/article.js';
import { NotFound } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import type { ArticleRepository, UserRepository } from './ports/driven/index.js';

export async function requireArticle(articles: ArticleRepository, slug: string): Promise<Article> {
  const article = await articles.bySlug(slug);
  if (!article) throw new NotFound('article');
  return article;
}

export async function requireProfileUser(users: UserRepository, username: string): Promise<User> {
  const user = await users.byUsername(username);
  if (!user) throw new NotFound('profile');
  return user;
}
