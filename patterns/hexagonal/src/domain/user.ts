export type UserId = number;

/**
 * A registered account. The password is only ever held as the hasher's opaque string. What a
 * registration or a change must satisfy is the spec's, the same in every pattern: `userRegistration`,
 * `userEdit` and `loginCredentials` in `@journey/conduit-rules`.
 */
export interface User {
  id: UserId;
  username: string;
  /** Lower-cased and trimmed (`normaliseEmail`), so uniqueness ignores case. */
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
