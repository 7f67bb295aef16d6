import { messages, ValidationFailed } from '@journey/conduit-rules';
import { changeUser, checkLogin, registerUser, type User, type UserChanges } from '../domain/user.js';
import { UniqueViolation } from '../persistence/data-access.js';
import type { ServiceDeps } from './deps.js';
import { NotFound, Unauthorized } from './errors.js';
import type { UserView } from './views.js';

/** The database's UNIQUE constraints are the real guard: two racing registrations cannot both pass. */
function taken(error: unknown): never {
  if (error instanceof UniqueViolation)
    throw new ValidationFailed({ [error.column ?? 'username']: [messages.taken] });
  throw error;
}

export function createUsersService({ data, passwords, tokens, clock }: ServiceDeps) {
  const view = async (user: User): Promise<UserView> => ({ user, token: await tokens.issue(user.id) });

  return {
    async register(input: { username: string; email: string; password: string }): Promise<UserView> {
      const registration = registerUser(input);
      const passwordHash = await passwords.hash(registration.password);
      const user = await data.users
        .insert({ username: registration.username, email: registration.email, passwordHash }, clock())
        .catch(taken);
      return view(user);
    },

    async login(input: { email: string; password: string }): Promise<UserView> {
      checkLogin(input);
      const user = await data.users.byEmail(input.email.trim().toLowerCase());
      // One answer for "no such email" and "wrong password", so a client cannot probe for accounts.
      if (!user || !(await passwords.verify(input.password, user.passwordHash))) {
        throw new ValidationFailed({ 'email or password': [messages.credentials] });
      }
      return view(user);
    },

    async current(userId: number): Promise<UserView> {
      const user = await data.users.byId(userId);
      // A valid token for a user that no longer exists is as good as no token.
      if (!user) throw new Unauthorized('the user of this token no longer exists');
      return view(user);
    },

    async update(userId: number, input: UserChanges): Promise<UserView> {
      const { password, ...rest } = changeUser(input);
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
