import { messages, normaliseEmail, Rules, ValidationFailed } from './validation.js';

export interface UserRegistrationInput {
  username: string;
  email: string;
  password: string;
}

/** A registration that passed the rules: username trimmed, email normalised. The caller hashes `password`. */
export interface UserRegistration {
  username: string;
  email: string;
  password: string;
}

/** The spec's rules for `POST /users`: every field problem at once. Throws ValidationFailed. */
export function userRegistration(input: UserRegistrationInput): UserRegistration {
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

export interface UserEditInput {
  username?: string | undefined;
  email?: string | undefined;
  password?: string | undefined;
  bio?: string | null | undefined;
  image?: string | null | undefined;
}

/** Only the fields the client sent, in stored form; an absent field stays as it is. The caller hashes `password`. */
export interface UserEdit {
  username?: string;
  email?: string;
  password?: string;
  bio?: string | null;
  image?: string | null;
}

/**
 * The spec's rules for `PUT /user`: a field that is sent is checked like at registration. Throws ValidationFailed.
 * An empty password is the exception: the reference front-ends' settings form sends `"password": ""`
 * when its field is left empty, meaning "keep it", so it reads as not sent. Spaces are still a blank password.
 */
export function userEdit(input: UserEditInput): UserEdit {
  const password = input.password === '' ? undefined : input.password;
  const rules = new Rules();
  if (input.username !== undefined)
    rules.required('username', input.username).username('username', input.username);
  if (input.email !== undefined) rules.required('email', input.email).email('email', input.email);
  if (password !== undefined) rules.required('password', password).password('password', password);
  rules.check();
  return {
    ...(input.username !== undefined && { username: input.username.trim() }),
    ...(input.email !== undefined && { email: normaliseEmail(input.email) }),
    ...(password !== undefined && { password }),
    // An empty string clears bio and image, as the reference front-ends send it.
    ...(input.bio !== undefined && { bio: input.bio || null }),
    ...(input.image !== undefined && { image: input.image || null }),
  };
}

/** A login to look up: the email in the form it is stored in. */
export interface LoginCredentials {
  email: string;
  password: string;
}

/** The spec's rules for `POST /users/login`: both fields present. Throws ValidationFailed. */
export function loginCredentials(input: LoginCredentials): LoginCredentials {
  new Rules().required('email', input.email).required('password', input.password).check();
  return { email: normaliseEmail(input.email), password: input.password };
}

/**
 * The 422 for a unique username or email that another account holds. Which field clashed is the
 * store's to say (a UNIQUE constraint, an index): two racing registrations cannot both pass a read.
 */
export const fieldTaken = (field: 'username' | 'email' | (string & {})): ValidationFailed =>
  new ValidationFailed({ [field]: [messages.taken] });

/** One answer for "no such email" and "wrong password", so a client cannot probe for accounts. */
export const wrongCredentials = (): ValidationFailed =>
  new ValidationFailed({ 'email or password': [messages.credentials] });
