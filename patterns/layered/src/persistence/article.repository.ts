import type { Page } from '@journey/conduit-rules';
import { moveFavoritesCount } from '@journey/conduit-sql/articles';
import type { ConduitDatabase as Database } from '@journey/conduit-sql/schema';
import type { Kysely } from 'kysely';
import type { Article, ArticleSummary } from '../domain/article.js';
import { translateUniqueViolation } from './errors.js';

/** Which articles a list shows. Usernames are resolved here, in SQL, rather than by a round trip above. */
export interface ArticleFilter {
  tag?: string;
  authorUsername?: string;
  favoritedByUsername?: string;
  /** The feed: articles by the users this user follows. */
  followedBy?: number;
}

export interface NewArticleRecord {
  slug: string;
  title: string;
  description: string;
  body: string;
  authorId: number;
  tagList: string[];
}

export interface ArticleUpdate {
  slug?: string;
  title?: string;
  description?: string;
  body?: string;
}

/** Articles in and out of the `articles` table. Writes throw UniqueViolation for a taken slug. */
export interface ArticleRepository {
  insert(article: NewArticleRecord, at: string): Promise<number>;
  update(id: number, changes: ArticleUpdate, at: string): Promise<void>;
  /** Comments, tag links and favorites go with it; run it in a transaction, it is several statements. */
  delete(id: number): Promise<void>;
  byId(id: number): Promise<Article | undefined>;
  bySlug(slug: string): Promise<Article | undefined>;
  slugTaken(slug: string): Promise<boolean>;
  /** Newest first, without bodies, and how many match in all. */
  page(filter: ArticleFilter, page: Page): Promise<{ articles: ArticleSummary[]; total: number }>;
  adjustFavoritesCount(id: number, delta: 1 | -1): Promise<void>;
}

const SUMMARY = [
  'a.id',
  'a.slug',
  'a.title',
  'a.description',
  'a.author_id',
  'a.created_at',
  'a.updated_at',
  'a.favorites_count',
  'a.tag_list',
] as const;

interface SummaryRow {
  id: number;
  slug: string;
  title: string;
  description: string;
  author_id: number;
  created_at: string;
  updated_at: string;
  favorites_count: number;
  tag_list: string;
}

const toSummary = (row: SummaryRow): ArticleSummary => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  description: row.description,
  authorId: row.author_id,
  tagList: JSON.parse(row.tag_list) as string[],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  // PostgreSQL may hand integers back as strings.
  favoritesCount: Number(row.favorites_count),
});

export function articleRepository(db: Kysely<Database>): ArticleRepository {
  // Unlike the shared articlesMatching (ids only), layered filters by username in the same query: one
  // data layer over one schema may join users, where the monolith's articles module may not.
  const filtered = (filter: ArticleFilter) => {
    let query = db.selectFrom('articles as a');
    const { tag, authorUsername, favoritedByUsername, followedBy } = filter;
    if (tag !== undefined) {
      query = query.where('a.id', 'in', (eb) =>
        eb
          .selectFrom('article_tags as at')
          .innerJoin('tags as t', 't.id', 'at.tag_id')
          .where('t.name', '=', tag)
          .select('at.article_id'),
      );
    }
    if (authorUsername !== undefined) {
      query = query.where('a.author_id', 'in', (eb) =>
        eb.selectFrom('users as u').where('u.username', '=', authorUsername).select('u.id'),
      );
    }
    if (favoritedByUsername !== undefined) {
      query = query.where('a.id', 'in', (eb) =>
        eb
          .selectFrom('favorites as f')
          .innerJoin('users as fu', 'fu.id', 'f.user_id')
          .where('fu.username', '=', favoritedByUsername)
          .select('f.article_id'),
      );
    }
    if (followedBy !== undefined) {
      query = query.where('a.author_id', 'in', (eb) =>
        eb.selectFrom('follows as fo').where('fo.follower_id', '=', followedBy).select('fo.followee_id'),
      );
    }
    return query;
  };

  const full = (row: (SummaryRow & { body: string }) | undefined): Article | undefined =>
    row ? { ...toSummary(row), body: row.body } : undefined;

  return {
    async insert(article, at) {
      const { id } = await db
        .insertInto('articles')
        .values({
          slug: article.slug,
          title: article.title,
          description: article.description,
          body: article.body,
          author_id: article.authorId,
          tag_list: JSON.stringify(article.tagList),
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
        .catch(translateUniqueViolation);
      return id;
    },
    async update(id, changes, at) {
      await db
        .updateTable('articles')
        .set({ ...changes, updated_at: at })
        .where('id', '=', id)
        .execute()
        .catch(translateUniqueViolation);
    },
    async delete(id) {
      // The shared schema gives comments no foreign key (ADR 5), so no cascade reaches them: they go
      // first, in the caller's transaction. Favorites and tag links cascade with the article.
      await db.deleteFrom('comments').where('article_id', '=', id).execute();
      await db.deleteFrom('articles').where('id', '=', id).execute();
    },
    byId: async (id) =>
      full(
        await db
          .selectFrom('articles as a')
          .select(SUMMARY)
          .select('a.body')
          .where('a.id', '=', id)
          .executeTakeFirst(),
      ),
    bySlug: async (slug) =>
      full(
        await db
          .selectFrom('articles as a')
          .select(SUMMARY)
          .select('a.body')
          .where('a.slug', '=', slug)
          .executeTakeFirst(),
      ),
    async slugTaken(slug) {
      const row = await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
      return row !== undefined;
    },
    async page(filter, page) {
      const [rows, count] = await Promise.all([
        filtered(filter)
          .select(SUMMARY)
          .orderBy('a.id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        filtered(filter)
          .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { articles: rows.map(toSummary), total: Number(count.n) };
    },
    adjustFavoritesCount: (id, delta) => moveFavoritesCount(db, id, delta),
  };
}
