/** A write hit a UNIQUE constraint; `column` says which, when the database tells us. */
export class UniqueViolation extends Error {
  constructor(
    readonly column: 'username' | 'email' | 'slug' | undefined,
    options?: ErrorOptions,
  ) {
    super(`unique constraint violated${column ? ` on ${column}` : ''}`, options);
    this.name = 'UniqueViolation';
  }
}

/**
 * Turns a driver's unique-violation error into UniqueViolation, so the layers above never see a
 * SQLite or PostgreSQL error code. Any other error passes through untouched.
 */
export function translateUniqueViolation(error: unknown): never {
  const e = error as { code?: unknown; message?: string; constraint?: string; detail?: string } | null;
  // better-sqlite3: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; PostgreSQL: SQLSTATE 23505.
  const code = e?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') {
    const text = `${e?.message ?? ''} ${e?.constraint ?? ''} ${e?.detail ?? ''}`;
    const column = /\b(username|email|slug)\b/.exec(text)?.[1] as UniqueViolation['column'];
    throw new UniqueViolation(column, { cause: error });
  }
  throw error;
}
