import type { ArticlesTables } from '../modules/articles/index.js';
import type { CommentsTables } from '../modules/comments/index.js';
import type { ProfilesTables } from '../modules/profiles/index.js';
import type { UsersTables } from '../modules/users/index.js';

/** One database, but every table belongs to exactly one module (see each module's index.ts). */
export type Database = UsersTables & ProfilesTables & ArticlesTables & CommentsTables;
