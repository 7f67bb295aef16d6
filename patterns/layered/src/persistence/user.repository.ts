import type { ConduitDatabase as Database } from '@journey/conduit-sql/schema';
import type { Kysely, Selectable } from 'kysely';
import type { User } from '../domain/user.js';
import { translateUniqueViolation } from './errors.js';

type UserRow = Selectable<Database['users']>;

export interface NewUserRecord {
  username: string;
  email: string;
  passwordHash: string;
}

export interface UserUpdate {
  username?: string;
  email?: string;
  passwordHash?: string;
  bio?: string | null;
  image?: string | null;
}

/** Users in and out of the `users` table. Writes throw UniqueViolation for a taken username or email. */
export interface UserRepository {
  insert(user: NewUserRecord, at: string): Promise<User>;
  update(id: number, changes: UserUpdate, at: string): Promise<User | undefined>;
  byId(id: number): Promise<User | undefined>;
  byEmail(email: string): Promise<User | undefined>;
  byUsername(username: string): Promise<User | undefined>;
  /** Unknown ids are left out; one query however many ids. */
  byIds(ids: readonly number[]): Promise<Map<number, User>>;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  email: row.email,
  passwordHash: row.password_hash,
  bio: row.bio,
  image: row.image,
});

export function userRepository(db: Kysely<Database>): UserRepository {
  const one = (row: UserRow | undefined) => (row ? toUser(row) : undefined);
  return {
    async insert(user, at) {
      const row = await db
        .insertInto('users')
        .values({
          username: user.username,
          email: user.email,
          password_hash: user.passwordHash,
          bio: null,
          image: null,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch(translateUniqueViolation);
      return toUser(row);
    },
    async update(id, changes, at) {
      const row = await db
        .updateTable('users')
        .set({
          ...(changes.username !== undefined && { username: changes.username }),
          ...(changes.email !== undefined && { email: changes.email }),
          ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
          ...(changes.bio !== undefined && { bio: changes.bio }),
          ...(changes.image !== undefined && { image: changes.image }),
          updated_at: at,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
        .catch(translateUniqueViolation);
      return one(row);
    },
    byId: async (id) => one(await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()),
    byEmail: async (email) =>
      one(await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()),
    byUsername: async (username) =>
      one(await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()),
    async byIds(ids) {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return new Map(rows.map((row) => [row.id, toUser(row)]));
    },
  };
}
