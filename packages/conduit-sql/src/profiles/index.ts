export { deleteFollow, followedAmong, followeeIdsOf, insertFollow } from './follows.statements.js';
export { profilesMigrations } from './profiles.migrations.js';
export type { FollowsTable, ProfilesTables } from './profiles.tables.js';
