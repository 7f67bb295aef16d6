import type { Kysely } from 'kysely';
import { autoIncrement, idType, type ModuleMigrations } from '../../database/migrations.js';

export const usersMigrations: ModuleMigrations = (dialect) => ({
  'users-001-create': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', idType(dialect), (c) =>
          autoIncrement(dialect) ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('bio', 'text')
        .addColumn('image', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
});
