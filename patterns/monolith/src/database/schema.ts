import type { IdempotencyTables } from '@journey/conduit-sql';
import type { ArticlesTables } from '../modules/articles/index.js';
import type { CommentsTables } from '../modules/comments/index.js';
import type { ProfilesTables } from '../modules/profiles/index.js';
import type { UsersTables } from '../modules/users/index.js';

/**
 * One database, but every table belongs to exactly one module (see each module's index.ts), except
 * the Idempotency-Keys, which the HTTP layer reads and every module's write transaction claims.
 */
export type Database = UsersTables & ProfilesTables & ArticlesTables & CommentsTables & IdempotencyTables;
