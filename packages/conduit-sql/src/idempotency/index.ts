export { idempotencyMigrations } from './idempotency.migrations.js';
export type { IdempotencyKeysTable, IdempotencyTables } from './idempotency.tables.js';
export { type IdempotencyKeys, idempotencyKeys } from './idempotency-keys.js';
