export { usersMigrations } from './users.migrations.js';
export type { UsersTable, UsersTables } from './users.tables.js';
