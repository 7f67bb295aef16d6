import {
  type IdempotencyKeys,
  idempotencyKeys,
  migrateToLatest,
  openDatabase,
  writeTransaction,
} from '@journey/conduit-sql';
import { conduitMigrations, type ConduitDatabase as Database } from '@journey/conduit-sql/schema';
import { type Kysely, sql } from 'kysely';
import { type ArticleRepository, articleRepository } from './article.repository.js';
import { type CommentRepository, commentRepository } from './comment.repository.js';
import { type FavoriteRepository, favoriteRepository } from './favorite.repository.js';
import { type FollowRepository, followRepository } from './follow.repository.js';
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
  /**
   * The Idempotency-Keys: read by http before a write, claimed by `transaction` with it (ADR 0011).
   * The tests' in-memory data has none, and ignores the header.
   */
  idempotencyKeys?: IdempotencyKeys;
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
  const { db, dialect, describe } = openDatabase<Database>(url);
  if (options.migrate !== false) await migrateToLatest(db as Kysely<unknown>, dialect, conduitMigrations);
  // BEGIN IMMEDIATE on SQLite, so writers from several processes queue instead of failing.
  const inTransaction = writeTransaction(db, dialect);

  return {
    ...repositoriesOn(db),
    transaction: (work) => inTransaction((tx) => work(repositoriesOn(tx))),
    idempotencyKeys: idempotencyKeys(db),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    describe,
    close: () => db.destroy(),
  };
}

export type { ArticleFilter } from './article.repository.js';
export { UniqueViolation } from './errors.js';
