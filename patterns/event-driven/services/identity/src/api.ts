import { LoginRequest, NewUserRequest, UpdateUserRequest } from '@journey/contract';
import { type Static, Type } from '@sinclair/typebox';

/**
 * The identity service's published API: the gateway imports these schemas and nothing else from
 * this package. Commands answer with `x-journey-events` naming the events they committed.
 */
const NullableText = Type.Union([Type.String(), Type.Null()]);

export const Account = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  username: Type.String(),
  bio: NullableText,
  image: NullableText,
  token: Type.String(),
});
const AccountResponse = Type.Object({ account: Account });

export const identityApi = {
  /** POST: 201 and UserRegistered, or 422 when a field is invalid or the username (any case) or email is taken. */
  register: { path: '/accounts', body: NewUserRequest, response: AccountResponse },
  /** POST: 200, or 422 `email or password: is invalid`. */
  login: { path: '/sessions', body: LoginRequest, response: AccountResponse },
  /** GET and PUT for the forwarded viewer (401 without one); PUT publishes UserProfileChanged when a public field changed. */
  me: { path: '/accounts/me', body: UpdateUserRequest, response: AccountResponse },
} as const;

export type Account = Static<typeof Account>;
