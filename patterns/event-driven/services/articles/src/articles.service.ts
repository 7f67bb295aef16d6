import { articleDraft, articleEdit, Forbidden, NotFound, needsNewSlug } from '@journey/conduit-rules';
import { deleteFavorite, insertFavorite, linkTags, moveFavoritesCount } from '@journey/conduit-sql/articles';
import type { NewArticle, UpdateArticle } from '@journey/contract';
import { createEvent, type DomainEvent } from '@journey/event-driven-events';
import { type Commit, type Dialect, now } from '@journey/event-driven-service-kit';
import type { Selectable } from 'kysely';
import type { WrittenArticle } from './api.js';
import type { ArticlesTables, ArticlesTransaction } from './articles.migrations.js';
import { freeSlug, withUniqueSlug } from './unique-slug.js';

type ArticleRow = Selectable<ArticlesTables['articles']>;

/** A command's answer: the article as it committed, and the events it committed (none when nothing changed). */
export interface Answer {
  article: WrittenArticle;
  events: DomainEvent[];
}

/**
 * Articles, their tags and favorites. Reads are views' job; every command answers with the article
 * as it committed, which the gateway answers from while views has not caught up (ADR 0009).
 */
export function createArticles(dialect: Dialect, commit: Commit<ArticlesTables>) {
  /** The row as the viewer who changed it sees it, read inside the command's transaction. */
  async function written(
    tx: ArticlesTransaction,
    row: ArticleRow,
    viewerId: number,
  ): Promise<WrittenArticle> {
    const favorited = await tx
      .selectFrom('favorites')
      .select('article_id')
      .where('article_id', '=', row.id)
      .where('user_id', '=', viewerId)
      .executeTakeFirst();
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      description: row.description,
      body: row.body,
      tagList: JSON.parse(row.tag_list) as string[],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      favorited: favorited !== undefined,
      favoritesCount: Number(row.favorites_count),
      authorId: row.author_id,
    };
  }

  /**
   * Every command on an existing article finds it here. On PostgreSQL the row stays locked until the
   * command commits, so a delete cannot slip between a favorite's look and its insert (a foreign-key
   * error), and no ArticleUpdated commits after its ArticleDeleted. SQLite's BEGIN IMMEDIATE already
   * runs one writer at a time.
   */
  async function lockedArticle(tx: ArticlesTransaction, slug: string): Promise<ArticleRow> {
    const row = await tx
      .selectFrom('articles')
      .selectAll()
      .where('slug', '=', slug)
      .$if(dialect === 'postgres', (query) => query.forUpdate())
      .executeTakeFirst();
    if (!row) throw new NotFound('article');
    return row;
  }

  async function authoredArticle(tx: ArticlesTransaction, viewerId: number, slug: string) {
    const row = await lockedArticle(tx, slug);
    if (row.author_id !== viewerId) throw new Forbidden('only the author may change this article');
    return row;
  }

  async function setFavorite(userId: number, slug: string, favorite: boolean): Promise<Answer> {
    const { result, events } = await commit(async (tx, emit) => {
      const article = await lockedArticle(tx, slug);
      const changed = favorite
        ? await insertFavorite(tx, userId, article.id)
        : await deleteFavorite(tx, userId, article.id);
      // Favoriting twice changes nothing, so it is no new fact and the counter stays where it is.
      if (!changed) return written(tx, article, userId);
      await moveFavoritesCount(tx, article.id, favorite ? 1 : -1);
      // Read inside the transaction that moved it (and still holds the row): the exact count after
      // this change, whatever else is racing, so views can take it as it is instead of counting.
      const after = await tx
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', article.id)
        .executeTakeFirstOrThrow();
      emit(
        createEvent(favorite ? 'ArticleFavorited' : 'ArticleUnfavorited', {
          articleId: article.id,
          userId,
          favoritesCount: Number(after.favorites_count),
        }),
      );
      return written(tx, after, userId);
    });
    return { article: result, events };
  }

  return {
    async create(authorId: number, input: NewArticle): Promise<Answer> {
      const { title, tagList } = articleDraft(input);
      const { result, events } = await withUniqueSlug((suffixed) =>
        commit(async (tx, emit) => {
          const slug = await freeSlug(tx, title, suffixed);
          const at = now();
          const row = await tx
            .insertInto('articles')
            .values({
              slug,
              title,
              description: input.description,
              body: input.body,
              author_id: authorId,
              created_at: at,
              updated_at: at,
              tag_list: JSON.stringify(tagList),
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await linkTags(tx, row.id, tagList);
          // pattern: the article and the fact that it exists commit together, or neither does.
          emit(
            createEvent('ArticlePublished', {
              articleId: row.id,
              slug,
              authorId,
              title,
              description: row.description,
              body: row.body,
              tagList,
              createdAt: at,
            }),
          );
          return written(tx, row, authorId);
        }),
      );
      return { article: result, events };
    },

    async update(viewerId: number, slug: string, input: UpdateArticle): Promise<Answer> {
      const edit = articleEdit(input);
      const { result, events } = await withUniqueSlug((suffixed) =>
        commit(async (tx, emit) => {
          const current = await authoredArticle(tx, viewerId, slug);
          const newSlug = needsNewSlug(edit, current.title)
            ? await freeSlug(tx, edit.title, suffixed)
            : current.slug;
          const after = await tx
            .updateTable('articles')
            .set({ ...edit, slug: newSlug, updated_at: now() })
            .where('id', '=', current.id)
            .returningAll()
            .executeTakeFirstOrThrow();
          // The whole article as it now reads (not a diff), so a consumer never needs the one before.
          emit(
            createEvent('ArticleUpdated', {
              articleId: after.id,
              slug: after.slug,
              title: after.title,
              description: after.description,
              body: after.body,
              updatedAt: after.updated_at,
            }),
          );
          return written(tx, after, viewerId);
        }),
      );
      return { article: result, events };
    },

    /**
     * pattern: the article's comments live in another service. Instead of calling it (microservices
     * deletes them first, over HTTP), the deletion is announced and comments removes its own rows
     * when ArticleDeleted reaches it: no call can fail here, and no comment is orphaned for good.
     */
    async remove(viewerId: number, slug: string): Promise<DomainEvent[]> {
      const { events } = await commit(async (tx, emit) => {
        const article = await authoredArticle(tx, viewerId, slug);
        // Its favorites and tag links go with it (ON DELETE CASCADE inside this database).
        await tx.deleteFrom('articles').where('id', '=', article.id).execute();
        emit(
          createEvent('ArticleDeleted', {
            articleId: article.id,
            slug: article.slug,
            authorId: article.author_id,
            tagList: JSON.parse(article.tag_list) as string[],
          }),
        );
      });
      return events;
    },

    favorite: (userId: number, slug: string) => setFavorite(userId, slug, true),
    unfavorite: (userId: number, slug: string) => setFavorite(userId, slug, false),
  };
}

export type Articles = ReturnType<typeof createArticles>;
