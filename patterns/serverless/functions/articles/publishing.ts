import {
  articleDraft,
  articleEdit,
  Forbidden,
  isWellFormedSlug,
  NotFound,
  needsNewSlug,
  slugify,
  withSuffix,
} from '@journey/conduit-rules';
import { isUniqueViolation } from '@journey/conduit-sql';
import { linkTags } from '@journey/conduit-sql/articles';
import type { ConduitDatabase } from '@journey/conduit-sql/schema';
import type { Article, NewArticle, UpdateArticle } from '@journey/contract';
import type { Kysely } from 'kysely';
import type { FunctionDatabase } from '../../core/database.js';
import { type ArticleRow, articleBySlug, articleView } from '../shared/articles.js';
import { now } from '../shared/now.js';

async function ownArticle(db: Kysely<ConduitDatabase>, viewerId: number, slug: string): Promise<ArticleRow> {
  const row = isWellFormedSlug(slug) ? await articleBySlug(db, slug) : undefined;
  if (!row) throw new NotFound('article');
  if (row.author_id !== viewerId) throw new Forbidden('only the author may change this article');
  return row;
}

/**
 * Runs a write that needs a free slug in one transaction with the check. A concurrent writer may
 * still take the readable slug first; the UNIQUE constraint stops us, and one retry adds a suffix.
 */
async function withFreeSlug<T>(
  database: FunctionDatabase,
  readable: string,
  write: (tx: Kysely<ConduitDatabase>, slug: string) => Promise<T>,
): Promise<T> {
  const attempt = (forceSuffix: boolean) =>
    database.transaction(async (tx) => {
      const taken =
        forceSuffix ||
        (await tx.selectFrom('articles').select('id').where('slug', '=', readable).executeTakeFirst()) !==
          undefined;
      return write(tx, taken ? withSuffix(readable) : readable);
    });
  try {
    return await attempt(false);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return attempt(true);
  }
}

async function shown(
  db: Kysely<ConduitDatabase>,
  viewerId: number,
  slug: string,
): Promise<{ article: Article }> {
  const row = await articleBySlug(db, slug);
  if (!row) throw new NotFound('article');
  return { article: await articleView(db, viewerId, row) };
}

export async function publish(
  database: FunctionDatabase,
  authorId: number,
  input: NewArticle,
): Promise<{ article: Article }> {
  const draft = articleDraft(input);
  const slug = await withFreeSlug(database, slugify(draft.title), async (tx, slug) => {
    const at = now();
    const { id } = await tx
      .insertInto('articles')
      .values({
        slug,
        title: draft.title,
        description: draft.description,
        body: draft.body,
        author_id: authorId,
        tag_list: JSON.stringify(draft.tagList),
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await linkTags(tx, id, draft.tagList);
    return slug;
  });
  return shown(database.db, authorId, slug);
}

export async function revise(
  database: FunctionDatabase,
  viewerId: number,
  slug: string,
  input: UpdateArticle,
): Promise<{ article: Article }> {
  const current = await ownArticle(database.db, viewerId, slug);
  const edit = articleEdit(input);
  const update = (tx: Kysely<ConduitDatabase>, newSlug: string) =>
    tx
      .updateTable('articles')
      .set({ ...edit, slug: newSlug, updated_at: now() })
      .where('id', '=', current.id)
      .execute();
  const finalSlug = needsNewSlug(edit, current.title)
    ? await withFreeSlug(database, slugify(edit.title), async (tx, fresh) => {
        await update(tx, fresh);
        return fresh;
      })
    : await database.transaction(async (tx) => {
        await update(tx, current.slug);
        return current.slug;
      });
  return shown(database.db, viewerId, finalSlug);
}

export async function remove(database: FunctionDatabase, viewerId: number, slug: string): Promise<void> {
  const { id } = await ownArticle(database.db, viewerId, slug);
  // Comments carry no foreign key to articles; favorites and tag links go by ON DELETE CASCADE.
  await database.transaction(async (tx) => {
    await tx.deleteFrom('comments').where('article_id', '=', id).execute();
    await tx.deleteFrom('articles').where('id', '=', id).execute();
  });
}
