import type { ConduitDatabase } from '@journey/conduit-sql/schema';
import type { EnterpriseData } from '@journey/soa-service-host';
import type { Kysely, Selectable, Updateable } from 'kysely';

/** A row of the shared `users` table: the account identity answers for. */
export type AccountRow = Selectable<ConduitDatabase['users']>;

/** The account columns an UpdateUser may change. */
export type AccountChanges = Pick<
  Updateable<ConduitDatabase['users']>,
  'username' | 'email' | 'password_hash' | 'bio' | 'image'
>;

/**
 * Identity's reads and writes of the accounts in the enterprise database. Other services read the
 * same `users` rows (through @journey/soa-enterprise-data) but only identity writes them: the table is
 * shared, the operations on accounts are identity's (ADR 13).
 */
export function accountRecords({ db, transaction }: EnterpriseData) {
  const byColumn = (column: 'id' | 'email', value: number | string, from: Kysely<ConduitDatabase> = db) =>
    from.selectFrom('users').selectAll().where(column, '=', value).executeTakeFirst();

  return {
    byId: (id: number) => byColumn('id', id),
    /** `email` as stored: lower-cased by the rules before it gets here. */
    byEmail: (email: string) => byColumn('email', email),

    /** Inserts in a write transaction, which also claims the call's idempotency key. */
    create(account: { username: string; email: string; passwordHash: string }): Promise<AccountRow> {
      const at = new Date().toISOString();
      return transaction((tx) =>
        tx
          .insertInto('users')
          .values({
            username: account.username,
            email: account.email,
            password_hash: account.passwordHash,
            bio: null,
            image: null,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
    },

    /** The changed account, or undefined when there is no account `id` (any more). */
    change(id: number, changes: AccountChanges): Promise<AccountRow | undefined> {
      return transaction((tx) =>
        tx
          .updateTable('users')
          .set({ ...changes, updated_at: new Date().toISOString() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst(),
      );
    },
  };
}

export type AccountRecords = ReturnType<typeof accountRecords>;
