/** The Conduit values that must be unique, as the API names them in a 422. */
export type UniqueField = 'username' | 'email' | 'slug';

type DriverError = { code?: unknown; message?: string; constraint?: string; detail?: string } | null;

/**
 * True when a write failed on a UNIQUE or PRIMARY KEY constraint, on either database: better-sqlite3
 * reports SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, PostgreSQL SQLSTATE 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as DriverError)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * Which Conduit value a unique violation was about, or undefined when it was none of them (or no
 * unique violation at all). SQLite names the columns (`users.email`) or, for the case-insensitive
 * username index, the index; PostgreSQL names the constraint and puts `Key (column)=…` in its detail.
 */
export function violatedField(error: unknown): UniqueField | undefined {
  if (!isUniqueViolation(error)) return undefined;
  const e = error as DriverError;
  const text = `${e?.message ?? ''} ${e?.constraint ?? ''} ${e?.detail ?? ''}`;
  if (text.includes('email')) return 'email';
  if (text.includes('slug')) return 'slug';
  if (text.includes('username')) return 'username';
  return undefined;
}
