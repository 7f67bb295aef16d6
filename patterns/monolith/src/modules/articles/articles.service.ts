import { normaliseTags, parsePage, Rules, slugify, withSuffix } from '@journey/conduit-rules';
import type {
  Article,
  ArticleSummary,
  ListArticlesQuery,
  NewArticle,
  UpdateArticle,
} from '@journey/contract';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../database/constraint-errors.js';
import type { Database } from '../../database/schema.js';
import type { UnitOfWork } from '../../database/unit-of-work.js';
import { now } from '../../shared/clock.js';
import { Forbidden, NotFound } from '../../shared/errors.js';
import type { ProfilesApi } from '../profiles/index.js';
import type { UsersApi } from '../users/index.js';
import type { ArticleFilter, ArticleQueries, ArticleRow } from './articles.queries.js';
import type { ArticlesTables } from './articles.tables.js';

/** Called inside the deleting transaction, so another module's cleanup commits or rolls back with it. */
export type ArticleDeletedListener = (tx: Kysely<Database>, articleId: number) => Promise<void>;

interface Deps {
  db: Kysely<ArticlesTables>;
  uow: UnitOfWork;
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

  async function adjustFavoritesCount(tx: Kysely<Database>, articleId: number, delta: 1 | -1) {
    await tx
      .updateTable('articles')
      .set((eb) => ({ favorites_count: eb('favorites_count', '+', delta) }))
      .where('id', '=', articleId)
      .execute();
  }

  async function tagIds(tx: Kysely<Database>, names: string[]): Promise<number[]> {
    if (names.length === 0) return [];
    await tx
      .insertInto('tags')
      .values(names.map((name) => ({ name })))
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const rows = await tx.selectFrom('tags').select('id').where('name', 'in', names).execute();
    return rows.map((r) => r.id);
  }

  /**
   * A readable slug when it is free, a suffixed one when not. The check and the insert share a
   * transaction; if a concurrent writer still wins the race, the UNIQUE constraint stops it and we
   * retry once with a suffix.
   */
  async function withUniqueSlug<T>(
    title: string,
    write: (slug: string, tx: Kysely<Database>) => Promise<T>,
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
    if (query.tag !== undefined) filter.tagName = query.tag;
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
      new Rules()
        .required('title', input.title)
        .required('description', input.description)
        .required('body', input.body)
        .check();
      const tagNames = normaliseTags(input.tagList);
      const slug = await withUniqueSlug(input.title, async (slug, tx) => {
        const at = now();
        const { id } = await tx
          .insertInto('articles')
          .values({
            slug,
            title: input.title.trim(),
            description: input.description,
            body: input.body,
            author_id: authorId,
            created_at: at,
            updated_at: at,
            tag_list: JSON.stringify(tagNames),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const tags = await tagIds(tx, tagNames);
        if (tags.length) {
          await tx
            .insertInto('article_tags')
            .values(tags.map((tagId) => ({ article_id: id, tag_id: tagId })))
            .execute();
        }
        return slug;
      });
      return one(authorId, slug);
    },

    async update(viewerId: number, slug: string, input: UpdateArticle): Promise<Article> {
      const rules = new Rules();
      if (input.title !== undefined) rules.required('title', input.title);
      if (input.description !== undefined) rules.required('description', input.description);
      if (input.body !== undefined) rules.required('body', input.body);
      rules.check();
      const current = await owned(viewerId, slug);
      const title = input.title?.trim();
      const changes = {
        ...(title !== undefined && { title }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.body !== undefined && { body: input.body }),
        updated_at: now(),
      };
      // A new title means a new slug, unless it slugs to the same words (a changed comma keeps the URL).
      if (title === undefined || slugify(title) === slugify(current.title)) {
        await db.updateTable('articles').set(changes).where('id', '=', current.id).execute();
        return one(viewerId, slug);
      }
      const newSlug = await withUniqueSlug(title, async (fresh, tx) => {
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
      await uow(async (tx) => {
        for (const listener of deletedListeners) await listener(tx, id);
        // article_tags and favorites go with it (ON DELETE CASCADE inside this module).
        await tx.deleteFrom('articles').where('id', '=', id).execute();
      });
    },

    async favorite(userId: number, slug: string): Promise<Article> {
      const articleId = await idOf(slug);
      await uow(async (tx) => {
        const { numInsertedOrUpdatedRows } = await tx
          .insertInto('favorites')
          .values({ user_id: userId, article_id: articleId })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        // Only a new favorite moves the counter, so favoriting twice (or racing) cannot overcount.
        if (numInsertedOrUpdatedRows) await adjustFavoritesCount(tx, articleId, 1);
      });
      return one(userId, slug);
    },

    async unfavorite(userId: number, slug: string): Promise<Article> {
      const articleId = await idOf(slug);
      await uow(async (tx) => {
        const { numDeletedRows } = await tx
          .deleteFrom('favorites')
          .where('user_id', '=', userId)
          .where('article_id', '=', articleId)
          .executeTakeFirst();
        if (numDeletedRows) await adjustFavoritesCount(tx, articleId, -1);
      });
      return one(userId, slug);
    },

    tags: queries.popularTags,
  };
}

export type ArticlesService = ReturnType<typeof createArticlesService>;
