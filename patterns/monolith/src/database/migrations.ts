import { type Dialect, idempotencyMigrations, migrateToLatest } from '@journey/conduit-sql';
import type { Kysely } from 'kysely';
import { articlesMigrations } from '../modules/articles/index.js';
import { commentsMigrations } from '../modules/comments/index.js';
import { profilesMigrations } from '../modules/profiles/index.js';
import { usersMigrations } from '../modules/users/index.js';

/**
 * Each module brings the migrations of the tables it owns; names are prefixed with the module. The
 * Idempotency-Keys belong to no module: every module's write claims them (ADR 0011).
 */
export const migrate = (db: Kysely<unknown>, dialect: Dialect) =>
  migrateToLatest(db, dialect, [
    usersMigrations,
    profilesMigrations,
    articlesMigrations,
    commentsMigrations,
    idempotencyMigrations,
  ]);
