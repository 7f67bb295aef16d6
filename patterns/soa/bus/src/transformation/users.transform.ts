import type * as Json from '@journey/contract';
import type { IdentityV1, User } from '@journey/soa-contracts';

/** JSON ⇄ IdentityService v1 for the user account: pure functions, no I/O. */

export const registerRequest = (user: Json.NewUser): IdentityV1['Register']['request'] => ({
  username: user.username,
  email: user.email,
  password: user.password,
});

export const authenticateRequest = (user: Json.LoginUser): IdentityV1['Authenticate']['request'] => ({
  email: user.email,
  password: user.password,
});

/**
 * Only the fields the client sent: absent leaves a field as it is, and a JSON `null` for bio or image
 * stays `null`, which the kit writes as xsi:nil: "clear it".
 */
export function updateUserRequest(user: Json.UpdateUser): IdentityV1['UpdateUser']['request'] {
  const request: IdentityV1['UpdateUser']['request'] = {};
  if (user.email !== undefined) request.email = user.email;
  if (user.username !== undefined) request.username = user.username;
  if (user.password !== undefined) request.password = user.password;
  if (user.bio !== undefined) request.bio = user.bio;
  if (user.image !== undefined) request.image = user.image;
  return request;
}

/** The canonical User leaves out an absent bio or image; the JSON API says `null`. */
export const toUser = (user: User): Json.User => ({
  email: user.email,
  token: user.token,
  username: user.username,
  bio: user.bio ?? null,
  image: user.image ?? null,
});
