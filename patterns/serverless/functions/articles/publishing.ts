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
import { insertArticle, withFreeSlug } from '@journey/conduit-sql/articles';
import type { ConduitDatabase } from '@journey/conduit-sql/schema';
import type { Article, NewArticle, UpdateArticle } from '@journey/contract';
import type { Logger } from '@journey/platform';
import type { Kysely } from 'kysely';
import type { FunctionDatabase } from '../../core/database.js';
import { articlePublishedEvent } from '../../core/event-catalogue.js';
import { publishAfterCommit } from '../../core/event-publisher.js';
import { type ArticleRow, articleBySlug, articleView } from '../shared/articles.js';
import { now } from '../shared/now.js';

async function ownArticle(db: Kysely<ConduitDatabase>, viewerId: number, slug: string): Promise<ArticleRow> {
  const row = isWellFormedSlug(slug) ? await articleBySlug(db, slug) : undefined;
  if (!row) throw new NotFound('article');
  if (row.author_id !== viewerId) throw new Forbidden('only the author may change this article');
  return row;
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

/** Saves the article, then announces it (`article-published`) once the write has committed. */
export async function publish(
  database: FunctionDatabase,
  authorId: number,
  input: NewArticle,
  log: Logger,
): Promise<{ article: Article }> {
  const draft = articleDraft(input);
  const at = now();
  const { articleId, slug } = await withFreeSlug(
    database.transaction,
    slugify(draft.title),
    withSuffix,
    async (tx, slug) => ({ articleId: await insertArticle(tx, { ...draft, slug, authorId, at }), slug }),
  );
  await publishAfterCommit(
    articlePublishedEvent({ articleId, slug, authorId, title: draft.title, publishedAt: at }),
    log,
  );
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
    ? await withFreeSlug(database.transaction, slugify(edit.title), withSuffix, async (tx, fresh) => {
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
