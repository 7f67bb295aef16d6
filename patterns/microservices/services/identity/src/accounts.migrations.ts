import { createTableWithId, type ServiceMigrations } from '@journey/microservices-service-kit';
import { type Generated, type Kysely, sql } from 'kysely';

export interface AccountsTables {
  accounts: {
    id: Generated<number>;
    email: string;
    username: string;
    password_hash: string;
    bio: string | null;
    image: string | null;
    created_at: string;
    updated_at: string;
  };
}

// The UNIQUE constraints are the guard against racing registrations: two cannot both insert.
export const accountsMigrations: ServiceMigrations = (dialect) => ({
  'identity-001-accounts': {
    async up(db: Kysely<unknown>) {
      await createTableWithId(db, 'accounts', dialect)
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('bio', 'text')
        .addColumn('image', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // "Jake" and "jake" would look like one person in every UI: one account per name, whatever the case.
      await db.schema
        .createIndex('accounts_username_lower_unique')
        .on('accounts')
        .expression(sql`lower(username)`)
        .unique()
        .execute();
    },
  },
});
