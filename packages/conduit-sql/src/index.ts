export { type Argument, compiledOnce } from './compiled-once.js';
export { type Dialect, primaryId } from './dialect.js';
export {
  type IdempotencyKeys,
  type IdempotencyTables,
  idempotencyKeys,
  idempotencyMigrations,
} from './idempotency/index.js';
export { migrateToLatest, type TableMigrations } from './migrate.js';
export { type MigratedDatabase, openMigratedDatabase } from './migrated-database.js';
export { isPostgresUrl, type OpenDatabase, openDatabase } from './open-database.js';
export { isUniqueViolation, type UniqueField, violatedField } from './unique-violation.js';
export { type WriteTransaction, writeTransaction } from './write-transaction.js';
