import {
  articleDraft,
  articleEdit,
  needsNewSlug,
  parsePage,
  slugify,
  withSuffix,
} from '@journey/conduit-rules';
import { isUniqueViolation } from '@journey/conduit-sql';
import {
  type ArticlesTables,
  deleteFavorite,
  insertFavorite,
  linkTags,
  moveFavoritesCount,
} from '@journey/conduit-sql/articles';
import type {
  Article,
  ArticleSummary,
  ListArticlesQuery,
  NewArticle,
  UpdateArticle,
} from '@journey/contract';
import type { Kysely } from 'kysely';
import type { OpenTransaction, UnitOfWork } from '../../database/unit-of-work.js';
import { now } from '../../shared/clock.js';
import { Forbidden, NotFound } from '../../shared/errors.js';
import type { ProfilesApi } from '../profiles/index.js';
import type { UsersApi } from '../users/index.js';
import type { ArticleFilter, ArticleQueries, ArticleRow } from './articles.queries.js';

/**
 * Called inside the deleting transaction, so another module's cleanup commits or rolls back with it.
 * The listener gets the transaction opaque: it reaches only its own tables, narrowed by app.ts.
 */
export type ArticleDeletedListener = (tx: OpenTransaction, articleId: number) => Promise<void>;

interface Deps {
  db: Kysely<ArticlesTables>;
  uow: UnitOfWork<ArticlesTables>;
  queries: ArticleQueries;
  users: UsersApi;
  profiles: ProfilesApi;
}

export function createArticlesService({ db, uow, queries, users, profiles }: Deps) {
  const deletedListeners: ArticleDeletedListener[] = [];

  /** Adds the authors to rows: one call to the profiles module for the whole page, never one per article. */
  async function present(viewerId: number | null, rows: ArticleRow[]): Promise<Article[]> {
    const authors = await profiles.profilesByIds(
      viewerId,
      rows.map((r) => r.author_id),
    );
    return rows.map((row) => {
      const author = authors.get(row.author_id);
      if (!author)
        throw new Error(`article ${row.id} has an author (${row.author_id}) the users module does not know`);
      return {
        slug: row.slug,
        title: row.title,
        description: row.description,
        body: row.body ?? '',
        tagList: JSON.parse(row.tag_list) as string[],
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        favorited: Boolean(row.favorited),
        favoritesCount: Number(row.favorites_count),
        author,
      };
    });
  }

  async function one(viewerId: number | null, slug: string): Promise<Article> {
    const row = await queries.bySlug(viewerId, slug);
    if (!row) throw new NotFound('article');
    const [article] = await present(viewerId, [row]);
    return article!;
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
   * A readable slug when it is free, a suffixed one when not. The check and the insert share a
   * transaction; if a concurrent writer still wins the race, the UNIQUE constraint stops it and we
   * retry once with a suffix.
   */
  async function withUniqueSlug<T>(
    title: string,
    write: (slug: string, tx: Kysely<ArticlesTables>) => Promise<T>,
  ): Promise<T> {
    const attempt = (forceSuffix: boolean) =>
      uow(async (tx) => {
        const base = slugify(title);
        const taken = await tx
          .selectFrom('articles')
          .select('id')
          .where('slug', '=', base)
          .executeTakeFirst();
        return write(forceSuffix || taken ? withSuffix(base) : base, tx);
      });
    try {
      return await attempt(false);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return attempt(true);
    }
  }

  const resolveIds = async (query: ListArticlesQuery): Promise<ArticleFilter | null> => {
    const filter: ArticleFilter = {};
    if (query.tag !== undefined) filter.tag = query.tag;
    if (query.author !== undefined) {
      const id = await users.idOf(query.author);
      if (id === undefined) return null;
      filter.authorIds = [id];
    }
    if (query.favorited !== undefined) {
      const id = await users.idOf(query.favorited);
      if (id === undefined) return null;
      filter.favoritedBy = id;
    }
    return filter;
  };

  const summaries = (articles: Article[]): ArticleSummary[] =>
    articles.map(({ body: _body, ...summary }) => summary);

  return {
    onDeleted(listener: ArticleDeletedListener) {
      deletedListeners.push(listener);
    },
    idOf,

    async list(viewerId: number | null, query: ListArticlesQuery) {
      const page = parsePage(query);
      const filter = await resolveIds(query);
      if (!filter) return { articles: [], articlesCount: 0 };
      const { rows, total } = await queries.page(viewerId, filter, page);
      return { articles: summaries(await present(viewerId, rows)), articlesCount: total };
    },

    async feed(viewerId: number, query: { limit?: string; offset?: string }) {
      const page = parsePage(query);
      const authorIds = await profiles.followeeIds(viewerId);
      if (authorIds.length === 0) return { articles: [], articlesCount: 0 };
      const { rows, total } = await queries.page(viewerId, { authorIds }, page);
      return { articles: summaries(await present(viewerId, rows)), articlesCount: total };
    },

    get: one,

    async create(authorId: number, input: NewArticle): Promise<Article> {
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
        return slug;
      });
      return one(authorId, slug);
    },

    async update(viewerId: number, slug: string, input: UpdateArticle): Promise<Article> {
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
        return fresh;
      });
      return one(viewerId, newSlug);
    },

    async remove(viewerId: number, slug: string): Promise<void> {
      const { id } = await owned(viewerId, slug);
      await uow(async (tx, open) => {
        for (const listener of deletedListeners) await listener(open, id);
        // article_tags and favorites go with it (ON DELETE CASCADE inside this module).
        await tx.deleteFrom('articles').where('id', '=', id).execute();
      });
    },

    async favorite(userId: number, slug: string): Promise<Article> {
      const articleId = await idOf(slug);
      await uow(async (tx) => {
        // Only a new favorite moves the counter, so favoriting twice (or racing) cannot overcount.
        if (await insertFavorite(tx, userId, articleId)) await moveFavoritesCount(tx, articleId, 1);
      });
      return one(userId, slug);
    },

    async unfavorite(userId: number, slug: string): Promise<Article> {
      const articleId = await idOf(slug);
      await uow(async (tx) => {
        if (await deleteFavorite(tx, userId, articleId)) await moveFavoritesCount(tx, articleId, -1);
      });
      return one(userId, slug);
    },

    tags: queries.popularTags,
  };
}

export type ArticlesService = ReturnType<typeof createArticlesService>;
