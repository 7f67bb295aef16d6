import { type Kysely, sql } from 'kysely';
import { type ArticleRepository, articleRepository } from './article.repository.js';
import { type CommentRepository, commentRepository } from './comment.repository.js';
import { connect } from './connection.js';
import { type FavoriteRepository, favoriteRepository } from './favorite.repository.js';
import { type FollowRepository, followRepository } from './follow.repository.js';
import { migrate } from './migrations.js';
import type { Database } from './schema.js';
import { type TagRepository, tagRepository } from './tag.repository.js';
import { type UserRepository, userRepository } from './user.repository.js';

export interface Repositories {
  users: UserRepository;
  follows: FollowRepository;
  articles: ArticleRepository;
  tags: TagRepository;
  favorites: FavoriteRepository;
  comments: CommentRepository;
}

/**
 * Everything the application layer may ask of the database. The application decides where a
 * transaction starts and ends; this layer decides how (BEGIN IMMEDIATE on SQLite).
 */
export interface DataAccess extends Repositories {
  /** Runs `work` in one transaction on repositories bound to it; rolls back if it throws. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  readonly describe: string;
  close(): Promise<void>;
}

const repositoriesOn = (db: Kysely<Database>): Repositories => ({
  users: userRepository(db),
  follows: followRepository(db),
  articles: articleRepository(db),
  tags: tagRepository(db),
  favorites: favoriteRepository(db),
  comments: commentRepository(db),
});

export async function openDataAccess(url: string, options: { migrate?: boolean } = {}): Promise<DataAccess> {
  const { db, dialect, describe } = connect(url);
  if (options.migrate !== false) await migrate(db as Kysely<unknown>, dialect);

  const transaction =
    dialect === 'postgres'
      ? <T>(work: (tx: Repositories) => Promise<T>) =>
          db.transaction().execute((tx) => work(repositoriesOn(tx)))
      : // Kysely's transaction() issues a deferred BEGIN; two writers that both read first could then
        // fail to upgrade their lock (SQLITE_BUSY_SNAPSHOT). IMMEDIATE takes the write lock up front,
        // so a second writer (another process) waits its turn under busy_timeout instead.
        <T>(work: (tx: Repositories) => Promise<T>) =>
          db.connection().execute(async (conn) => {
            await sql`begin immediate`.execute(conn);
            try {
              const result = await work(repositoriesOn(conn));
              await sql`commit`.execute(conn);
              return result;
            } catch (error) {
              await sql`rollback`.execute(conn);
              throw error;
            }
          });

  return {
    ...repositoriesOn(db),
    transaction,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    describe,
    close: () => db.destroy(),
  };
}

export type { ArticleFilter } from './article.repository.js';
export { UniqueViolation } from './errors.js';
