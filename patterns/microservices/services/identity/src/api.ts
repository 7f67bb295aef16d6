import { LoginRequest, NewUserRequest, UpdateUserRequest } from '@journey/contract';
import { type Static, Type } from '@sinclair/typebox';

/**
 * The identity service's published API: what its callers may rely on. The gateway imports these
 * schemas (and nothing else from this package); everything else here is private to the service.
 */
const NullableText = Type.Union([Type.String(), Type.Null()]);

export const UserCard = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  bio: NullableText,
  image: NullableText,
});
export const Account = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  username: Type.String(),
  bio: NullableText,
  image: NullableText,
  token: Type.String(),
});

export const identityApi = {
  /** POST: 201, or 422 when the username or email is taken. */
  register: { path: '/accounts', body: NewUserRequest, response: Type.Object({ account: Account }) },
  /** POST: 200, or 422 for wrong credentials. */
  login: { path: '/sessions', body: LoginRequest, response: Type.Object({ account: Account }) },
  /** GET and PUT, for the forwarded viewer. */
  me: { path: '/accounts/me', body: UpdateUserRequest, response: Type.Object({ account: Account }) },
  /** GET `?ids=1,2` or `?usernames=a,b`: every user found, in no particular order, in one call. */
  cards: {
    path: '/users',
    query: Type.Object({ ids: Type.Optional(Type.String()), usernames: Type.Optional(Type.String()) }),
    response: Type.Object({ users: Type.Array(UserCard) }),
  },
} as const;

export type UserCard = Static<typeof UserCard>;
export type Account = Static<typeof Account>;
