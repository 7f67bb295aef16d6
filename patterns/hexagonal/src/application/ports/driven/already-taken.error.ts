/**
 * What a repository throws when a write would break a uniqueness rule (a username, an email, a
 * slug). Adapters raise it from their own mechanism — a UNIQUE constraint in SQL, an index map in
 * memory — so two racing writes can never both succeed, and the core never checks-then-inserts.
 */
export class AlreadyTaken extends Error {
  constructor(readonly field: 'username' | 'email' | 'slug') {
    super(`${field} is already taken`);
    this.name = 'AlreadyTaken';
  }
}
