import type { Kysely } from 'kysely';
import { narrow } from '../narrow.js';
import { isUniqueViolation } from '../unique-violation.js';
import type { WriteTransaction } from '../write-transaction.js';
import type { ArticlesTables } from './articles.tables.js';
import { linkTags } from './tags.statements.js';

/** A new article's row as the tables keep it; `at` is both its creation and update time. */
export interface NewArticleRow {
  slug: string;
  title: string;
  description: string;
  body: string;
  authorId: number;
  tagList: readonly string[];
  at: string;
}

/** Inserts the article and links its tags; run it in a write transaction. Answers its id. */
export async function insertArticle<DB extends ArticlesTables>(
  connection: Kysely<DB>,
  article: NewArticleRow,
): Promise<number> {
  const db = narrow<ArticlesTables>(connection);
  const { id } = await db
    .insertInto('articles')
    .values({
      slug: article.slug,
      title: article.title,
      description: article.description,
      body: article.body,
      author_id: article.authorId,
      tag_list: JSON.stringify(article.tagList),
      created_at: article.at,
      updated_at: article.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await linkTags(db, id, article.tagList);
  return id;
}

/**
 * Runs a write that gives an article a slug, in one transaction with the check that `readable` is
 * free; a slug in use gets `suffixed(readable)` instead (the readable one stays with whoever came
 * first). A concurrent writer taking it between the check and the write makes the UNIQUE constraint
 * refuse ours, and the write runs once more, suffixed.
 */
export async function withFreeSlug<DB extends ArticlesTables, T>(
  transaction: WriteTransaction<DB>,
  readable: string,
  suffixed: (slug: string) => string,
  write: (tx: Kysely<DB>, slug: string) => Promise<T>,
): Promise<T> {
  const attempt = (taken: boolean) =>
    transaction(async (tx) => {
      const inUse =
        taken ||
        (await narrow<ArticlesTables>(tx)
          .selectFrom('articles')
          .select('id')
          .where('slug', '=', readable)
          .executeTakeFirst()) !== undefined;
      return write(tx, inUse ? suffixed(readable) : readable);
    });
  try {
    return await attempt(false);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return attempt(true);
  }
}
