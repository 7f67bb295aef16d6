/** Timestamps are stored as ISO 8601 text with milliseconds: the same bytes on SQLite and PostgreSQL. */
export const now = () => new Date().toISOString();
