import type { ArticlesTables } from '../modules/articles/articles.tables.js';
import type { CommentsTables } from '../modules/comments/comments.tables.js';
import type { ProfilesTables } from '../modules/profiles/profiles.tables.js';
import type { UsersTables } from '../modules/users/users.tables.js';

/** One database, but every table belongs to exactly one module (see each `*.tables.ts`). */
export type Database = UsersTables & ProfilesTables & ArticlesTables & CommentsTables;
