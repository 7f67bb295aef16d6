import type { Kysely } from 'kysely';

/**
 * A connection (or transaction) whose schema includes `Tables` — the callers' signatures demand it —
 * seen as one over `Tables` alone. Sound, since those tables are all there; the cast is needed only
 * because Kysely's types are invariant in the schema.
 */
export const narrow = <Tables>(connection: object): Kysely<Tables> => connection as Kysely<Tables>;
