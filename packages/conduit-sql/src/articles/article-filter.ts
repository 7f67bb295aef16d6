import type { Kysely } from 'kysely';
import { narrow } from '../narrow.js';
import type { ArticlesTables } from './articles.tables.js';

/**
 * The columns of an article as a list shows it, everything but the body, under the `a` alias that
 * `articlesMatching` gives the articles table.
 */
export const ARTICLE_SUMMARY_COLUMNS = [
  'a.id',
  'a.slug',
  'a.title',
  'a.description',
  'a.author_id',
  'a.created_at',
  'a.updated_at',
  'a.favorites_count',
  'a.tag_list',
] as const;

/** Which articles a list shows, by ids only: no table outside the articles group is needed. */
export interface ArticleFilter {
  /** Empty means nobody: an empty feed, not every article. */
  authorIds?: readonly number[];
  tag?: string;
  favoritedBy?: number;
}

/** The articles (as `a`) that pass the filter, ready for a page's columns or a count. */
export function articlesMatching<DB extends ArticlesTables>(connection: Kysely<DB>, filter: ArticleFilter) {
  const db = narrow<ArticlesTables>(connection);
  let query = db.selectFrom('articles as a');
  if (filter.authorIds)
    query = query.where('a.author_id', 'in', filter.authorIds.length ? filter.authorIds : [-1]);
  if (filter.tag !== undefined) {
    const tag = filter.tag;
    query = query.where('a.id', 'in', (eb) =>
      eb
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .where('t.name', '=', tag)
        .select('at.article_id'),
    );
  }
  if (filter.favoritedBy !== undefined) {
    const userId = filter.favoritedBy;
    query = query.where('a.id', 'in', (eb) =>
      eb.selectFrom('favorites as fb').where('fb.user_id', '=', userId).select('fb.article_id'),
    );
  }
  return query;
}
