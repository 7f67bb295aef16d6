import {
  fieldTaken,
  type LoginCredentials,
  loginCredentials,
  NotFound,
  Unauthorized,
  type UserEditInput,
  type UserRegistrationInput,
  userEdit,
  userRegistration,
  wrongCredentials,
} from '@journey/conduit-rules';
import { violatedField } from '@journey/conduit-sql';
import type { ConduitDatabase } from '@journey/conduit-sql/schema';
import type { User } from '@journey/contract';
import { hashPassword, type UserTokens, verifyPassword } from '@journey/platform';
import type { Kysely, Selectable } from 'kysely';
import { now } from '../shared/now.js';

type UserRow = Selectable<ConduitDatabase['users']>;

/** The signed-in user as the API shows them, with a fresh token. */
async function signedIn(row: UserRow, tokens: UserTokens): Promise<{ user: User }> {
  return {
    user: {
      email: row.email,
      token: await tokens.issue(row.id),
      username: row.username,
      bio: row.bio,
      image: row.image,
    },
  };
}

/** The UNIQUE constraints are the real guard: two racing registrations cannot both pass a read. */
function taken(error: unknown): never {
  const field = violatedField(error);
  if (field !== undefined) throw fieldTaken(field);
  throw error;
}

export async function register(
  db: Kysely<ConduitDatabase>,
  tokens: UserTokens,
  input: UserRegistrationInput,
): Promise<{ user: User }> {
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
    .catch(taken);
  return signedIn(row, tokens);
}

export async function logIn(
  db: Kysely<ConduitDatabase>,
  tokens: UserTokens,
  input: LoginCredentials,
): Promise<{ user: User }> {
  const { email, password } = loginCredentials(input);
  const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  if (!row || !(await verifyPassword(password, row.password_hash))) throw wrongCredentials();
  return signedIn(row, tokens);
}

export async function currentUser(
  db: Kysely<ConduitDatabase>,
  tokens: UserTokens,
  userId: number,
): Promise<{ user: User }> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  // A valid token for a user that no longer exists is as good as no token.
  if (!row) throw new Unauthorized('the user of this token no longer exists');
  return signedIn(row, tokens);
}

export async function updateUser(
  db: Kysely<ConduitDatabase>,
  tokens: UserTokens,
  userId: number,
  input: UserEditInput,
): Promise<{ user: User }> {
  const { password, username, email, bio, image } = userEdit(input);
  const row = await db
    .updateTable('users')
    .set({
      ...(username !== undefined && { username }),
      ...(email !== undefined && { email }),
      ...(password !== undefined && { password_hash: await hashPassword(password) }),
      ...(bio !== undefined && { bio }),
      ...(image !== undefined && { image }),
      updated_at: now(),
    })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirst()
    .catch(taken);
  if (!row) throw new NotFound('user');
  return signedIn(row, tokens);
}
