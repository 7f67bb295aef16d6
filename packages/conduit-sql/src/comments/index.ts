export { commentsMigrations } from './comments.migrations.js';
export type { CommentsTable, CommentsTables } from './comments.tables.js';
