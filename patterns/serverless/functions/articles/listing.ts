import { isWellFormedSlug, NotFound, parsePage } from '@journey/conduit-rules';
import type { ArticleFilter } from '@journey/conduit-sql/articles';
import type { ConduitDatabase } from '@journey/conduit-sql/schema';
import type { ListArticlesQuery } from '@journey/contract';
import type { Kysely } from 'kysely';
import { type ArticlePage, articleBySlug, articlePage, articleView } from '../shared/articles.js';

/** Usernames in the query become ids; a username nobody has matches no article. */
async function filterOf(
  db: Kysely<ConduitDatabase>,
  query: ListArticlesQuery,
): Promise<ArticleFilter | undefined> {
  const idOf = async (username: string) =>
    (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst())?.id;
  const filter: ArticleFilter = {};
  if (query.tag !== undefined) filter.tag = query.tag;
  if (query.author !== undefined) {
    const authorId = await idOf(query.author);
    if (authorId === undefined) return undefined;
    filter.authorIds = [authorId];
  }
  if (query.favorited !== undefined) {
    const userId = await idOf(query.favorited);
    if (userId === undefined) return undefined;
    filter.favoritedBy = userId;
  }
  return filter;
}

export async function listArticles(
  db: Kysely<ConduitDatabase>,
  viewerId: number | null,
  query: ListArticlesQuery,
): Promise<ArticlePage> {
  const pageAsked = parsePage(query);
  const filter = await filterOf(db, query);
  if (filter === undefined) return { articles: [], articlesCount: 0 };
  return articlePage(db, viewerId, filter, pageAsked);
}

export async function showArticle(db: Kysely<ConduitDatabase>, viewerId: number | null, slug: string) {
  const row = isWellFormedSlug(slug) ? await articleBySlug(db, slug) : undefined;
  if (!row) throw new NotFound('article');
  return { article: await articleView(db, viewerId, row) };
}
