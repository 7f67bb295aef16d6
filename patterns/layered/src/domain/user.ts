/**
 * A registered user as the rest of the system knows it. The password is only ever a hash.
 * What a registration or an update must satisfy is the spec's, the same in every pattern:
 * `userRegistration`, `userEdit` and `loginCredentials` in `@journey/conduit-rules`.
 */
export interface User {
  id: number;
  username: string;
  /** Lower-cased, so uniqueness ignores case. */
  email: string;
  passwordHash: string;
  bio: string | null;
  image: string | null;
}
