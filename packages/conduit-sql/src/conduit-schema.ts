import { type ArticlesTables, articlesMigrations } from './articles/index.js';
import { type CommentsTables, commentsMigrations } from './comments/index.js';
import { type IdempotencyTables, idempotencyMigrations } from './idempotency/index.js';
import type { TableMigrations } from './migrate.js';
import { type ProfilesTables, profilesMigrations } from './profiles/index.js';
import { type UsersTables, usersMigrations } from './users/index.js';

/**
 * The whole Conduit schema of the single-database patterns (ADR 5): four groups of tables, one per
 * monolith module, with no foreign key between groups, and the Idempotency-Keys its writes claim
 * (ADR 0011). Layered and hexagonal use it whole.
 */
export type ConduitDatabase = UsersTables &
  ProfilesTables &
  ArticlesTables &
  CommentsTables &
  IdempotencyTables;

export const conduitMigrations: readonly TableMigrations[] = [
  usersMigrations,
  profilesMigrations,
  articlesMigrations,
  commentsMigrations,
  idempotencyMigrations,
];
