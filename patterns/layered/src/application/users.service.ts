import {
  fieldTaken,
  loginCredentials,
  type UserEditInput,
  userEdit,
  userRegistration,
  wrongCredentials,
} from '@journey/conduit-rules';
import type { User } from '../domain/user.js';
import { UniqueViolation } from '../persistence/data-access.js';
import type { ServiceDeps } from './deps.js';
import { NotFound, Unauthorized } from './errors.js';
import type { UserView } from './views.js';

/** The database's UNIQUE constraints are the real guard: two racing registrations cannot both pass. */
function taken(error: unknown): never {
  if (error instanceof UniqueViolation) throw fieldTaken(error.column ?? 'username');
  throw error;
}

export function createUsersService({ data, passwords, tokens, clock }: ServiceDeps) {
  const view = async (user: User): Promise<UserView> => ({ user, token: await tokens.issue(user.id) });

  return {
    async register(input: { username: string; email: string; password: string }): Promise<UserView> {
      const { username, email, password } = userRegistration(input);
      const passwordHash = await passwords.hash(password);
      const user = await data.users.insert({ username, email, passwordHash }, clock()).catch(taken);
      return view(user);
    },

    async login(input: { email: string; password: string }): Promise<UserView> {
      const { email, password } = loginCredentials(input);
      const user = await data.users.byEmail(email);
      if (!user || !(await passwords.verify(password, user.passwordHash))) throw wrongCredentials();
      return view(user);
    },

    async current(userId: number): Promise<UserView> {
      const user = await data.users.byId(userId);
      // A valid token for a user that no longer exists is as good as no token.
      if (!user) throw new Unauthorized('the user of this token no longer exists');
      return view(user);
    },

    async update(userId: number, input: UserEditInput): Promise<UserView> {
      const { password, ...rest } = userEdit(input);
      const passwordHash = password === undefined ? undefined : await passwords.hash(password);
      const user = await data.users
        .update(userId, { ...rest, ...(passwordHash !== undefined && { passwordHash }) }, clock())
        .catch(taken);
      if (!user) throw new NotFound('user');
      return view(user);
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
