/** Timestamps are ISO 8601 text with milliseconds: the same bytes on SQLite, PostgreSQL and the wire. */
export type Clock = () => string;

export const systemClock: Clock = () => new Date().toISOString();
