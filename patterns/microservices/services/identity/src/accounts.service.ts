import {
  fieldTaken,
  loginCredentials,
  NotFound,
  Unauthorized,
  userEdit,
  userRegistration,
  wrongCredentials,
} from '@journey/conduit-rules';
import { violatedField } from '@journey/conduit-sql';
import type { LoginUser, NewUser, UpdateUser } from '@journey/contract';
import { now } from '@journey/microservices-service-kit';
import { hashPassword, type UserTokens, verifyPassword } from '@journey/platform';
import type { Kysely, Selectable } from 'kysely';
import type { UsersTables } from './accounts.migrations.js';
import type { Account, UserCard } from './api.js';

type AccountRow = Selectable<UsersTables['users']>;

/** Accounts and credentials: the only place that knows emails and password hashes. */
export function createAccounts(db: Kysely<UsersTables>, tokens: UserTokens) {
  const toAccount = async (row: AccountRow): Promise<Account> => ({
    id: row.id,
    email: row.email,
    username: row.username,
    bio: row.bio,
    image: row.image,
    token: await tokens.issue(row.id),
  });

  const takenField = (error: unknown): never => {
    const field = violatedField(error);
    if (field) throw fieldTaken(field);
    throw error;
  };

  return {
    async register(input: NewUser): Promise<Account> {
      const { username, email, password } = userRegistration(input);
      const at = now();
      const row = await db
        .insertInto('users')
        .values({
          username,
          email,
          password_hash: await hashPassword(password),
          bio: null,
          image: null,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch(takenField);
      return toAccount(row);
    },

    async login(input: LoginUser): Promise<Account> {
      const { email, password } = loginCredentials(input);
      const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      if (!row || !(await verifyPassword(password, row.password_hash))) throw wrongCredentials();
      return toAccount(row);
    },

    async current(id: number): Promise<Account> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      // A valid token for an account that no longer exists is as good as no token.
      if (!row) throw new Unauthorized('the user of this token no longer exists');
      return toAccount(row);
    },

    async update(id: number, input: UpdateUser): Promise<Account> {
      const { password, ...profile } = userEdit(input);
      const row = await db
        .updateTable('users')
        .set({
          ...profile,
          ...(password !== undefined && { password_hash: await hashPassword(password) }),
          updated_at: now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
        .catch(takenField);
      if (!row) throw new NotFound('user');
      return toAccount(row);
    },

    /** Public user data by ids or by usernames, for many users in one query. */
    async cards(by: { ids?: number[]; usernames?: string[] }): Promise<UserCard[]> {
      if (!by.ids?.length && !by.usernames?.length) return [];
      let query = db.selectFrom('users').select(['id', 'username', 'bio', 'image']);
      query = by.ids?.length
        ? query.where('id', 'in', by.ids)
        : query.where('username', 'in', by.usernames ?? []);
      return query.execute();
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
