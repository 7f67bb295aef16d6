import {
  articleDraft,
  articleEdit,
  Forbidden,
  NotFound,
  needsNewSlug,
  type Page,
  slugify,
  withSuffix,
} from '@journey/conduit-rules';
import { violatedField } from '@journey/conduit-sql';
import { deleteFavorite, insertFavorite, linkTags, moveFavoritesCount } from '@journey/conduit-sql/articles';
import type { NewArticle, UpdateArticle } from '@journey/contract';
import { now, type ServiceDatabase } from '@journey/microservices-service-kit';
import type { Kysely } from 'kysely';
import type { ArticleRecord } from './api.js';
import type { ArticlesTables } from './articles.migrations.js';
import type { ArticleFilter, ArticleQueries } from './articles.queries.js';
import type { CommentsClient } from './comments.client.js';

type Tx = Kysely<ArticlesTables>;

export function createArticles(
  database: ServiceDatabase<ArticlesTables>,
  queries: ArticleQueries,
  comments: CommentsClient,
) {
  const { db } = database;

  async function one(viewerId: number | null, slug: string): Promise<ArticleRecord> {
    const article = await queries.bySlug(viewerId, slug);
    if (!article) throw new NotFound('article');
    return article;
  }

  async function owned(viewerId: number, slug: string) {
    const row = await db
      .selectFrom('articles')
      .select(['id', 'author_id', 'title'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (!row) throw new NotFound('article');
    if (row.author_id !== viewerId) throw new Forbidden('only the author may change this article');
    return row;
  }

  async function idOf(slug: string): Promise<number> {
    const row = await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
    if (!row) throw new NotFound('article');
    return row.id;
  }

  /**
   * The readable slug when it is free, a suffixed one when not. A racing writer that still takes it
   * first is stopped by the UNIQUE constraint, and we try once more with a suffix.
   */
  async function withUniqueSlug(title: string, write: (slug: string, tx: Tx) => Promise<void>) {
    const attempt = (forceSuffix: boolean) =>
      database.transaction(async (tx) => {
        const base = slugify(title);
        const taken = await tx
          .selectFrom('articles')
          .select('id')
          .where('slug', '=', base)
          .executeTakeFirst();
        const slug = forceSuffix || taken ? withSuffix(base) : base;
        await write(slug, tx);
        return slug;
      });
    try {
      return await attempt(false);
    } catch (error) {
      if (violatedField(error) !== 'slug') throw error;
      return attempt(true);
    }
  }

  /** The favorite row and the counter move in one transaction, so racing favorites keep the count exact. */
  async function setFavorite(userId: number, slug: string, favorite: boolean): Promise<ArticleRecord> {
    const articleId = await idOf(slug);
    await database.transaction(async (tx) => {
      const changed = favorite
        ? await insertFavorite(tx, userId, articleId)
        : await deleteFavorite(tx, userId, articleId);
      // Only a real change moves the counter: favoriting twice (or racing) cannot overcount.
      if (changed) await moveFavoritesCount(tx, articleId, favorite ? 1 : -1);
    });
    return one(userId, slug);
  }

  return {
    list: (viewerId: number | null, filter: ArticleFilter, page: Page) =>
      queries.page(viewerId, filter, page),
    get: one,
    tags: queries.popularTags,

    async create(authorId: number, input: NewArticle): Promise<ArticleRecord> {
      const { title, tagList: tagNames } = articleDraft(input);
      const slug = await withUniqueSlug(title, async (slug, tx) => {
        const at = now();
        const { id } = await tx
          .insertInto('articles')
          .values({
            slug,
            title,
            description: input.description,
            body: input.body,
            author_id: authorId,
            created_at: at,
            updated_at: at,
            tag_list: JSON.stringify(tagNames),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await linkTags(tx, id, tagNames);
      });
      return one(authorId, slug);
    },

    async update(viewerId: number, slug: string, input: UpdateArticle): Promise<ArticleRecord> {
      const edit = articleEdit(input);
      const current = await owned(viewerId, slug);
      const changes = { ...edit, updated_at: now() };
      if (!needsNewSlug(edit, current.title)) {
        await db.updateTable('articles').set(changes).where('id', '=', current.id).execute();
        return one(viewerId, slug);
      }
      const newSlug = await withUniqueSlug(edit.title, async (fresh, tx) => {
        await tx
          .updateTable('articles')
          .set({ ...changes, slug: fresh })
          .where('id', '=', current.id)
          .execute();
      });
      return one(viewerId, newSlug);
    },

    /**
     * pattern: a rule that spans two services' data has no shared transaction. The comments go
     * first: if comments is down the delete fails with 503 and nothing is lost, and a retry finishes
     * the job. A comment written between the two steps is left orphaned — see ADR 0006 and issue 5's
     * outbox for the event-driven fix.
     */
    async remove(viewerId: number, slug: string): Promise<void> {
      const { id } = await owned(viewerId, slug);
      await comments.removeAllOf(id);
      // article_tags and favorites go with it (ON DELETE CASCADE inside this service's database).
      await db.deleteFrom('articles').where('id', '=', id).execute();
    },

    favorite: (userId: number, slug: string) => setFavorite(userId, slug, true),
    unfavorite: (userId: number, slug: string) => setFavorite(userId, slug, false),
  };
}

export type Articles = ReturnType<typeof createArticles>;
