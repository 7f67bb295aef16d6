import {
  fieldTaken,
  loginCredentials,
  userEdit,
  userRegistration,
  wrongCredentials,
} from '@journey/conduit-rules';
import { isUniqueViolation, violatedField } from '@journey/conduit-sql';
import type { UsersTable, UsersTables } from '@journey/conduit-sql/users';
import type { NewUser, UpdateUser, User } from '@journey/contract';
import { hashPassword, verifyPassword } from '@journey/platform';
import type { Kysely, Selectable } from 'kysely';
import { now } from '../../shared/clock.js';
import { NotFound, Unauthorized } from '../../shared/errors.js';
import type { TokenService } from './tokens.js';

type UserRow = Selectable<UsersTable>;

export function createUsersService(db: Kysely<UsersTables>, tokens: TokenService) {
  const toUser = async (row: UserRow): Promise<User> => ({
    email: row.email,
    token: await tokens.issue(row.id),
    username: row.username,
    bio: row.bio,
    image: row.image,
  });

  const byId = (id: number) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

  /** The database's UNIQUE constraints are the real guard: two racing registrations cannot both pass. */
  const takenField = (error: unknown): never => {
    if (isUniqueViolation(error)) {
      throw fieldTaken(violatedField(error) ?? 'username');
    }
    throw error;
  };

  return {
    async register(input: NewUser): Promise<User> {
      const { username, email, password } = userRegistration(input);
      const passwordHash = await hashPassword(password);
      const at = now();
      const row = await db
        .insertInto('users')
        .values({
          username,
          email,
          password_hash: passwordHash,
          bio: null,
          image: null,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch(takenField);
      return toUser(row);
    },

    async login(input: { email: string; password: string }): Promise<User> {
      const { email, password } = loginCredentials(input);
      const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      if (!row || !(await verifyPassword(password, row.password_hash))) throw wrongCredentials();
      return toUser(row);
    },

    async current(userId: number): Promise<User> {
      const row = await byId(userId);
      // A valid token for a user that no longer exists is as good as no token.
      if (!row) throw new Unauthorized('the user of this token no longer exists');
      return toUser(row);
    },

    async update(userId: number, input: UpdateUser): Promise<User> {
      const { password, ...profile } = userEdit(input);
      const changes = {
        ...profile,
        ...(password !== undefined && { password_hash: await hashPassword(password) }),
        updated_at: now(),
      };
      const row = await db
        .updateTable('users')
        .set(changes)
        .where('id', '=', userId)
        .returningAll()
        .executeTakeFirst()
        .catch(takenField);
      if (!row) throw new NotFound('user');
      return toUser(row);
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
