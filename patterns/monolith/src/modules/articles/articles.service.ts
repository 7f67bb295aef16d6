import {
  articleDraft,
  articleEdit,
  needsNewSlug,
  parsePage,
  slugify,
  withSuffix,
} from '@journey/conduit-rules';
import {
  type ArticlesTables,
  deleteFavorite,
  insertArticle,
  insertFavorite,
  moveFavoritesCount,
  withFreeSlug,
} from '@journey/conduit-sql/articles';
import type {
  Article,
  ArticleSummary,
  ListArticlesQuery,
  NewArticle,
  Profile,
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

  /** Adds the authors to rows, from one call to the profiles module for the whole page, never one per article. */
  function present(rows: ArticleRow[], authors: Map<number, Profile>): Article[] {
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

  const authorsOf = (viewerId: number | null, rows: ArticleRow[]) =>
    profiles.profilesByIds(
      viewerId,
      rows.map((r) => r.author_id),
    );

  async function one(viewerId: number | null, slug: string): Promise<Article> {
    const row = await queries.bySlug(viewerId, slug);
    if (!row) throw new NotFound('article');
    return present([row], await authorsOf(viewerId, [row]))[0]!;
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
      return { articles: summaries(present(rows, await authorsOf(viewerId, rows))), articlesCount: total };
    },

    async feed(viewerId: number, query: { limit?: string; offset?: string }) {
      const page = parsePage(query);
      const authorIds = await profiles.followeeIds(viewerId);
      if (authorIds.length === 0) return { articles: [], articlesCount: 0 };
      const { rows, total } = await queries.page(viewerId, { authorIds }, page);
      const authors = await profiles.followedProfilesByIds(rows.map((r) => r.author_id));
      return { articles: summaries(present(rows, authors)), articlesCount: total };
    },

    get: one,

    async create(authorId: number, input: NewArticle): Promise<Article> {
      const { title, tagList } = articleDraft(input);
      const at = now();
      const draft = { title, description: input.description, body: input.body, authorId, tagList, at };
      const { id, slug } = await withFreeSlug(uow, slugify(title), withSuffix, async (tx, slug) => ({
        id: await insertArticle(tx, { ...draft, slug }),
        slug,
      }));
      // Everything the answer holds was just written, so it is not read back; only the author is asked for.
      const row: ArticleRow = {
        id,
        slug,
        title,
        description: input.description,
        body: input.body,
        author_id: authorId,
        created_at: at,
        updated_at: at,
        favorites_count: 0,
        favorited: false,
        tag_list: JSON.stringify(tagList),
      };
      return present([row], await authorsOf(authorId, [row]))[0]!;
    },

    async update(viewerId: number, slug: string, input: UpdateArticle): Promise<Article> {
      const edit = articleEdit(input);
      const current = await owned(viewerId, slug);
      const changes = { ...edit, updated_at: now() };
      if (!needsNewSlug(edit, current.title)) {
        await db.updateTable('articles').set(changes).where('id', '=', current.id).execute();
        return one(viewerId, slug);
      }
      const newSlug = await withFreeSlug(uow, slugify(edit.title), withSuffix, async (tx, fresh) => {
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
