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
 * Runs a write that gives an article a slug, in one transaction: `readable` when it is free,
 * `suffixed(readable)` when not (the readable one stays with whoever came first). The UNIQUE constraint
 * is the check: a taken slug makes it refuse the write, which then runs once more, suffixed. Titles
 * rarely collide, so the usual write runs no statement for the check at all.
 */
export async function withFreeSlug<DB extends ArticlesTables, T>(
  transaction: WriteTransaction<DB>,
  readable: string,
  suffixed: (slug: string) => string,
  write: (tx: Kysely<DB>, slug: string) => Promise<T>,
): Promise<T> {
  try {
    return await transaction((tx) => write(tx, readable));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return transaction((tx) => write(tx, suffixed(readable)));
  }
}
