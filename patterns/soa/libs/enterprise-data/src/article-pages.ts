import { ARTICLE_SUMMARY_COLUMNS, type ArticleFilter, articlesMatching } from '@journey/conduit-sql/articles';
import { followeeIdsOf } from '@journey/conduit-sql/profiles';
import type { ArticlePage, Id, PageRequest } from '@journey/soa-contracts';
import { canonicalArticles } from './articles.js';
import type { EnterpriseDb } from './people.js';

/** Which articles a page shows; the filters combine with AND. */
export interface ArticleSelection {
  tag?: string;
  /** The author's username. */
  author?: string;
  /** The username of someone who favorited them. */
  favoritedBy?: string;
  /** The feed: articles by the people this user follows. */
  followedBy?: Id;
}

/**
 * A page of articles, newest first and without bodies, and how many match in all. Usernames are
 * resolved in one query first, so the page itself runs on conduit-sql's `articlesMatching` (ids only);
 * an unknown username matches nothing. Then one query each for the rows, the count, their authors and
 * the viewer's favorites.
 */
export async function articlePage(
  db: EnterpriseDb,
  selection: ArticleSelection,
  page: PageRequest,
  viewerId?: Id,
): Promise<ArticlePage> {
  const filter = await articleFilter(db, selection);
  if (!filter) return { article: [], page: { ...page, total: 0 } };
  const [rows, count] = await Promise.all([
    articlesMatching(db, filter)
      .select(ARTICLE_SUMMARY_COLUMNS)
      .orderBy('a.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    articlesMatching(db, filter)
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    article: await canonicalArticles(db, rows, viewerId),
    page: { limit: page.limit, offset: page.offset, total: Number(count.n) },
  };
}

/** The selection in ids, or undefined when no article can match it (a username nobody has). */
async function articleFilter(
  db: EnterpriseDb,
  selection: ArticleSelection,
): Promise<ArticleFilter | undefined> {
  const names = [selection.author, selection.favoritedBy].filter((name) => name !== undefined);
  const people =
    names.length === 0
      ? new Map<string, Id>()
      : new Map(
          (
            await db.selectFrom('users').select(['id', 'username']).where('username', 'in', names).execute()
          ).map((row) => [row.username, row.id]),
        );
  const filter: ArticleFilter = {};
  if (selection.tag !== undefined) filter.tag = selection.tag;
  if (selection.favoritedBy !== undefined) {
    const favoriter = people.get(selection.favoritedBy);
    if (favoriter === undefined) return undefined;
    filter.favoritedBy = favoriter;
  }
  if (selection.author !== undefined) {
    const author = people.get(selection.author);
    if (author === undefined) return undefined;
    filter.authorIds = [author];
  }
  if (selection.followedBy !== undefined) {
    const followees = await followeeIdsOf(db, selection.followedBy);
    // Feed and author together: the author's articles if the viewer follows them, else none.
    filter.authorIds = filter.authorIds ? filter.authorIds.filter((id) => followees.includes(id)) : followees;
  }
  return filter;
}
