/** True when a write failed on a UNIQUE constraint, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // SQLite (better-sqlite3) reports SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY; PostgreSQL reports SQLSTATE 23505.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** Which column a unique violation was about, when the database says so. */
export function violatedColumn(error: unknown): string | undefined {
  const e = error as { message?: string; constraint?: string; detail?: string };
  const text = `${e.message ?? ''} ${e.constraint ?? ''} ${e.detail ?? ''}`;
  return /\b(username|email|slug)\b/.exec(text)?.[1];
}
