import { normaliseEmail, Rules } from '@journey/conduit-rules';

export type UserId = number;

/** A registered account. The password is only ever held as the hasher's opaque string. */
export interface User {
  id: UserId;
  username: string;
  /** Lower-cased and trimmed (see `normaliseEmail`), so uniqueness ignores case. */
  email: string;
  passwordHash: string;
  bio: string | null;
  image: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Registration {
  username: string;
  email: string;
  password: string;
}

export interface UserChanges {
  username?: string;
  email?: string;
  password?: string;
  bio?: string | null;
  image?: string | null;
}

/** Every problem with a registration at once, as the spec's 422 lists them per field. */
export function checkRegistration(input: Registration): void {
  new Rules()
    .required('username', input.username)
    .username('username', input.username)
    .required('email', input.email)
    .email('email', input.email)
    .required('password', input.password)
    .password('password', input.password)
    .check();
}

/** Only the fields that are present are checked; absent means "leave as is". */
export function checkChanges(input: UserChanges): void {
  const rules = new Rules();
  if (input.username !== undefined)
    rules.required('username', input.username).username('username', input.username);
  if (input.email !== undefined) rules.required('email', input.email).email('email', input.email);
  if (input.password !== undefined)
    rules.required('password', input.password).password('password', input.password);
  rules.check();
}

export const canonicalUsername = (username: string) => username.trim();
export const canonicalEmail = normaliseEmail;
/** An empty string clears bio and image, as the reference front-ends send it. */
export const optionalText = (value: string | null) => value || null;
