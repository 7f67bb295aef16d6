import { messages, normaliseEmail, Rules, ValidationFailed } from '@journey/conduit-rules';
import type { NewUser, UpdateUser, User } from '@journey/contract';
import type { Kysely, Selectable } from 'kysely';
import { isUniqueViolation, violatedColumn } from '../../database/constraint-errors.js';
import { now } from '../../shared/clock.js';
import { NotFound, Unauthorized } from '../../shared/errors.js';
import { hashPassword, verifyPassword } from './password.js';
import type { TokenService } from './tokens.js';
import type { UsersTable, UsersTables } from './users.tables.js';

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
      throw new ValidationFailed({ [violatedColumn(error) ?? 'username']: [messages.taken] });
    }
    throw error;
  };

  return {
    async register(input: NewUser): Promise<User> {
      new Rules()
        .required('username', input.username)
        .username('username', input.username)
        .required('email', input.email)
        .email('email', input.email)
        .required('password', input.password)
        .password('password', input.password)
        .check();
      const passwordHash = await hashPassword(input.password);
      const at = now();
      const row = await db
        .insertInto('users')
        .values({
          username: input.username.trim(),
          email: normaliseEmail(input.email),
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
      new Rules().required('email', input.email).required('password', input.password).check();
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', normaliseEmail(input.email))
        .executeTakeFirst();
      if (!row || !(await verifyPassword(input.password, row.password_hash))) {
        throw new ValidationFailed({ 'email or password': [messages.credentials] });
      }
      return toUser(row);
    },

    async current(userId: number): Promise<User> {
      const row = await byId(userId);
      // A valid token for a user that no longer exists is as good as no token.
      if (!row) throw new Unauthorized('the user of this token no longer exists');
      return toUser(row);
    },

    async update(userId: number, input: UpdateUser): Promise<User> {
      const rules = new Rules();
      if (input.username !== undefined)
        rules.required('username', input.username).username('username', input.username);
      if (input.email !== undefined) rules.required('email', input.email).email('email', input.email);
      if (input.password !== undefined)
        rules.required('password', input.password).password('password', input.password);
      rules.check();
      const changes = {
        ...(input.username !== undefined && { username: input.username.trim() }),
        ...(input.email !== undefined && { email: normaliseEmail(input.email) }),
        ...(input.password !== undefined && { password_hash: await hashPassword(input.password) }),
        // An empty string clears bio and image, as the reference front-ends send it.
        ...(input.bio !== undefined && { bio: input.bio || null }),
        ...(input.image !== undefined && { image: input.image || null }),
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
