import { isUniqueViolation, type UniqueField, violatedField } from '@journey/conduit-sql';

/** A write hit a UNIQUE constraint; `column` says which, when the database tells us. */
export class UniqueViolation extends Error {
  constructor(
    readonly column: UniqueField | undefined,
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
  if (isUniqueViolation(error)) throw new UniqueViolation(violatedField(error), { cause: error });
  throw error;
}
