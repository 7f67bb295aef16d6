import {
  fieldTaken,
  loginCredentials,
  Unauthorized,
  userEdit,
  userRegistration,
  wrongCredentials,
} from '@journey/conduit-rules';
import { violatedField } from '@journey/conduit-sql';
import type { LoginUser, NewUser, UpdateUser } from '@journey/contract';
import { createEvent, type DomainEvent } from '@journey/event-driven-events';
import { type Commit, now, type ServiceDb } from '@journey/event-driven-service-kit';
import { hashPassword, type UserTokens, verifyPassword } from '@journey/platform';
import type { Selectable } from 'kysely';
import type { UsersTable, UsersTables } from './accounts.migrations.js';
import type { Account } from './api.js';

type AccountRow = Selectable<UsersTable>;

/** A command's answer: the account, and the events it committed (for `x-journey-events`). */
export interface Answer {
  account: Account;
  events: DomainEvent[];
}

/** The public profile other services may know: never the email or the password hash. */
const publicProfile = (row: AccountRow) => ({
  userId: row.id,
  username: row.username,
  bio: row.bio,
  image: row.image,
});

const publicFieldsDiffer = (before: AccountRow, after: AccountRow) =>
  before.username !== after.username || before.bio !== after.bio || before.image !== after.image;

/** Accounts and credentials: the only place that knows emails and password hashes. */
export function createAccounts(db: ServiceDb<UsersTables>, commit: Commit<UsersTables>, tokens: UserTokens) {
  const toAccount = async (row: AccountRow): Promise<Account> => ({
    id: row.id,
    email: row.email,
    username: row.username,
    bio: row.bio,
    image: row.image,
    token: await tokens.issue(row.id),
  });

  /** A unique username or email another account holds is the client's 422; the constraint decides, not a read. */
  const takenField = (error: unknown): never => {
    const field = violatedField(error);
    throw field ? fieldTaken(field) : error;
  };

  const load = (id: number) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

  return {
    async register(input: NewUser): Promise<Answer> {
      const registration = userRegistration(input);
      // Hashed before the transaction: the write lock is never held for scrypt's ~30 ms.
      const passwordHash = await hashPassword(registration.password);
      const at = now();
      const { result: row, events } = await commit(async (tx, emit) => {
        const inserted = await tx
          .insertInto('users')
          .values({
            username: registration.username,
            email: registration.email,
            password_hash: passwordHash,
            bio: null,
            image: null,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        // pattern: the account and the fact that it exists commit together, or neither does.
        emit(createEvent('UserRegistered', publicProfile(inserted)));
        return inserted;
      }).catch(takenField);
      return { account: await toAccount(row), events };
    },

    async login(input: LoginUser): Promise<Account> {
      const credentials = loginCredentials(input);
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', credentials.email)
        .executeTakeFirst();
      if (!row || !(await verifyPassword(credentials.password, row.password_hash))) throw wrongCredentials();
      return toAccount(row);
    },

    async current(id: number): Promise<Account> {
      const row = await load(id);
      // A valid token for an account that no longer exists is as good as no token.
      if (!row) throw new Unauthorized('the user of this token no longer exists');
      return toAccount(row);
    },

    async update(id: number, input: UpdateUser): Promise<Answer> {
      const edit = userEdit(input);
      const passwordHash = edit.password === undefined ? undefined : await hashPassword(edit.password);
      const { result: row, events } = await commit(async (tx, emit) => {
        const before = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
        if (!before) throw new Unauthorized('the user of this token no longer exists');
        const after = await tx
          .updateTable('users')
          .set({
            ...(edit.username !== undefined && { username: edit.username }),
            ...(edit.email !== undefined && { email: edit.email }),
            ...(passwordHash !== undefined && { password_hash: passwordHash }),
            ...(edit.bio !== undefined && { bio: edit.bio }),
            ...(edit.image !== undefined && { image: edit.image }),
            updated_at: now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        // The email and the password are nobody else's business: only a public change is a fact to publish.
        if (publicFieldsDiffer(before, after)) emit(createEvent('UserProfileChanged', publicProfile(after)));
        return after;
      }).catch(takenField);
      return { account: await toAccount(row), events };
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
