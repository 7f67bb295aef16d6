import { normaliseEmail, Rules } from '@journey/conduit-rules';

/** A registered user as the rest of the system knows it. The password is only ever a hash. */
export interface User {
  id: number;
  username: string;
  /** Lower-cased, so uniqueness ignores case. */
  email: string;
  passwordHash: string;
  bio: string | null;
  image: string | null;
}

/** What a registration becomes once it passes the rules; the caller hashes `password`. */
export interface Registration {
  username: string;
  email: string;
  password: string;
}

/** The fields an update may change; an absent field stays as it is. */
export interface UserChanges {
  username?: string;
  email?: string;
  password?: string;
  bio?: string | null;
  image?: string | null;
}

/** Every field problem at once, in the spec's messages (`@journey/conduit-rules`). */
export function registerUser(input: { username: string; email: string; password: string }): Registration {
  new Rules()
    .required('username', input.username)
    .username('username', input.username)
    .required('email', input.email)
    .email('email', input.email)
    .required('password', input.password)
    .password('password', input.password)
    .check();
  return { username: input.username.trim(), email: normaliseEmail(input.email), password: input.password };
}

export function changeUser(input: UserChanges): UserChanges {
  const rules = new Rules();
  if (input.username !== undefined)
    rules.required('username', input.username).username('username', input.username);
  if (input.email !== undefined) rules.required('email', input.email).email('email', input.email);
  if (input.password !== undefined)
    rules.required('password', input.password).password('password', input.password);
  rules.check();
  return {
    ...(input.username !== undefined && { username: input.username.trim() }),
    ...(input.email !== undefined && { email: normaliseEmail(input.email) }),
    ...(input.password !== undefined && { password: input.password }),
    // An empty string clears bio and image, as the reference front-ends send it.
    ...(input.bio !== undefined && { bio: input.bio || null }),
    ...(input.image !== undefined && { image: input.image || null }),
  };
}

export function checkLogin(input: { email: string; password: string }): void {
  new Rules().required('email', input.email).required('password', input.password).check();
}
