import { violatedField } from '@journey/conduit-sql';
import {
  articlesMatching,
  deleteFavorite,
  favoritedAmong,
  insertFavorite,
  linkTags,
  moveFavoritesCount,
  popularTagNames,
} from '@journey/conduit-sql/articles';
import { deleteFollow, followedAmong, followeeIdsOf, insertFollow } from '@journey/conduit-sql/profiles';
import type { ConduitDatabase as Database } from '@journey/conduit-sql/schema';
import type { Kysely, Selectable } from 'kysely';
import {
  AlreadyTaken,
  type ArticleRepository,
  type CommentRepository,
  type FollowRepository,
  type Repositories,
  type UserRepository,
  type UserUpdate,
} from '../../application/ports/driven/index.js';
import type { Article, ArticleSummary } from '../../domain/article.js';
import type { Comment } from '../../domain/comment.js';
import type { User } from '../../domain/user.js';

type Db = Kysely<Database>;

/**
 * The repositories of both SQL adapters: Kysely writes the dialect's SQL. `db` is either the pool or
 * one open transaction.
 */
export function sqlRepositories(db: Db): Repositories {
  return {
    users: users(db),
    follows: follows(db),
    articles: articles(db),
    comments: comments(db),
  };
}

/** A broken UNIQUE constraint becomes the port's `AlreadyTaken`; anything else goes on unchanged. */
const translate = (error: unknown): never => {
  const field = violatedField(error);
  throw field ? new AlreadyTaken(field) : error;
};

const toUser = (row: Selectable<Database['users']>): User => ({
  id: row.id,
  username: row.username,
  email: row.email,
  passwordHash: row.password_hash,
  bio: row.bio,
  image: row.image,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

function users(db: Db): UserRepository {
  const columns = (u: UserUpdate) => ({
    ...(u.username !== undefined && { username: u.username }),
    ...(u.email !== undefined && { email: u.email }),
    ...(u.passwordHash !== undefined && { password_hash: u.passwordHash }),
    ...(u.bio !== undefined && { bio: u.bio }),
    ...(u.image !== undefined && { image: u.image }),
    ...(u.updatedAt !== undefined && { updated_at: u.updatedAt }),
  });
  const select = () => db.selectFrom('users').selectAll();
  return {
    async create(user) {
      const row = await db
        .insertInto('users')
        .values({
          username: user.username,
          email: user.email,
          password_hash: user.passwordHash,
          bio: user.bio,
          image: user.image,
          created_at: user.createdAt,
          updated_at: user.updatedAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch(translate);
      return toUser(row);
    },
    async update(id, changes) {
      const row = await db
        .updateTable('users')
        .set(columns(changes))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
        .catch(translate);
      return row && toUser(row);
    },
    async byId(id) {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },
    async byEmail(email) {
      const row = await select().where('email', '=', email).executeTakeFirst();
      return row && toUser(row);
    },
    async byUsername(username) {
      const row = await select().where('username', '=', username).executeTakeFirst();
      return row && toUser(row);
    },
    async byIds(ids) {
      if (ids.length === 0) return new Map();
      const rows = await select()
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return new Map(rows.map((row) => [row.id, toUser(row)]));
    },
  };
}

function follows(db: Db): FollowRepository {
  return {
    // When the relation began is bookkeeping for people reading the table, not something the core asks for.
    follow: (followerId, followeeId) => insertFollow(db, followerId, followeeId, new Date().toISOString()),
    unfollow: (followerId, followeeId) => deleteFollow(db, followerId, followeeId),
    followedAmong: (followerId, ids) => followedAmong(db, followerId, ids),
    followeeIds: (followerId) => followeeIdsOf(db, followerId),
  };
}

const summaryColumns = [
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

type SummaryRow = Omit<Selectable<Database['articles']>, 'body'>;

const toSummary = (row: SummaryRow): ArticleSummary => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  description: row.description,
  authorId: row.author_id,
  tagList: JSON.parse(row.tag_list) as string[],
  favoritesCount: Number(row.favorites_count),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

function articles(db: Db): ArticleRepository {
  return {
    async create(article) {
      const { id } = await db
        .insertInto('articles')
        .values({
          slug: article.slug,
          title: article.title,
          description: article.description,
          body: article.body,
          author_id: article.authorId,
          tag_list: JSON.stringify(article.tagList),
          created_at: article.createdAt,
          updated_at: article.updatedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
        .catch(translate);
      await linkTags(db, id, article.tagList);
      return { ...article, tagList: [...article.tagList], id, favoritesCount: 0 };
    },
    async update(id, changes) {
      await db
        .updateTable('articles')
        .set({
          ...(changes.slug !== undefined && { slug: changes.slug }),
          ...(changes.title !== undefined && { title: changes.title }),
          ...(changes.description !== undefined && { description: changes.description }),
          ...(changes.body !== undefined && { body: changes.body }),
          ...(changes.updatedAt !== undefined && { updated_at: changes.updatedAt }),
        })
        .where('id', '=', id)
        .execute()
        .catch(translate);
    },
    async remove(id) {
      // article_tags and favorites go with it (ON DELETE CASCADE).
      await db.deleteFrom('articles').where('id', '=', id).execute();
    },
    async bySlug(slug) {
      const row = await db
        .selectFrom('articles as a')
        .select([...summaryColumns, 'a.body'])
        .where('a.slug', '=', slug)
        .executeTakeFirst();
      return row && ({ ...toSummary(row), body: row.body } satisfies Article);
    },
    async slugExists(slug) {
      const row = await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
      return row !== undefined;
    },
    async page(filter, page) {
      const [rows, total] = await Promise.all([
        articlesMatching(db, filter)
          .select(summaryColumns)
          .orderBy('a.id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        articlesMatching(db, filter)
          .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { articles: rows.map(toSummary), total: Number(total.n) };
    },
    addFavorite: (articleId, userId) => insertFavorite(db, userId, articleId),
    removeFavorite: (articleId, userId) => deleteFavorite(db, userId, articleId),
    changeFavoritesCount: (articleId, delta) => moveFavoritesCount(db, articleId, delta),
    favoritedAmong: (userId, articleIds) => favoritedAmong(db, userId, articleIds),
    popularTags: () => popularTagNames(db),
  };
}

const toComment = (row: Selectable<Database['comments']>): Comment => ({
  id: row.id,
  articleId: row.article_id,
  authorId: row.author_id,
  body: row.body,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

function comments(db: Db): CommentRepository {
  return {
    async add(comment) {
      const row = await db
        .insertInto('comments')
        .values({
          article_id: comment.articleId,
          author_id: comment.authorId,
          body: comment.body,
          created_at: comment.createdAt,
          updated_at: comment.updatedAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toComment(row);
    },
    async ofArticle(articleId) {
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toComment);
    },
    async byId(articleId, id) {
      const row = await db
        .selectFrom('comments')
        .selectAll()
        .where('id', '=', id)
        .where('article_id', '=', articleId)
        .executeTakeFirst();
      return row && toComment(row);
    },
    async remove(id) {
      await db.deleteFrom('comments').where('id', '=', id).execute();
    },
    async removeAllOf(articleId) {
      await db.deleteFrom('comments').where('article_id', '=', articleId).execute();
    },
  };
}
