import { parsePage } from '@journey/conduit-rules';
import { followeeIdsOf } from '@journey/conduit-sql/profiles';
import type { ConduitDatabase } from '@journey/conduit-sql/schema';
import type { Kysely } from 'kysely';
import { type ArticlePage, articlePage } from '../shared/articles.js';

/** The articles of the users `viewerId` follows, newest first, and how many there are in all. */
export async function feedOf(
  db: Kysely<ConduitDatabase>,
  viewerId: number,
  query: { limit?: string; offset?: string },
): Promise<ArticlePage> {
  const page = parsePage(query);
  // Following nobody is an empty feed: articlesMatching reads an empty id list as nobody.
  return articlePage(db, viewerId, { authorIds: await followeeIdsOf(db, viewerId) }, page);
}
