import { followedAmong } from '@journey/conduit-sql/profiles';
import type { ConduitDatabase } from '@journey/conduit-sql/schema';
import type { Id, Profile } from '@journey/soa-contracts';
import type { Kysely } from 'kysely';

/** The shared database, or a write transaction on it: every read here runs on either. */
export type EnterpriseDb = Kysely<ConduitDatabase>;

/** A user as the profile tables hold them: what a canonical Profile is made of, and the key to act on. */
export interface Person {
  id: Id;
  username: string;
  bio: string | null;
  image: string | null;
}

const PERSON = ['id', 'username', 'bio', 'image'] as const;

/** The canonical Profile: an absent bio or image is the JSON null (canonical-v1.xsd), so null is left out. */
export function profileOf(person: Person, following: boolean): Profile {
  return {
    username: person.username,
    ...(person.bio !== null && { bio: person.bio }),
    ...(person.image !== null && { image: person.image }),
    following,
  };
}

export async function personNamed(db: EnterpriseDb, username: string): Promise<Person | undefined> {
  return db.selectFrom('users').select(PERSON).where('username', '=', username).executeTakeFirst();
}

/** The people behind a page of rows: one query however many rows, never one per row. */
export async function peopleByIds(db: EnterpriseDb, ids: readonly Id[]): Promise<Map<Id, Person>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(PERSON).where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * The author of a row, or a loud error: shared data with no foreign key between groups (ADR 5) means
 * a missing author is broken data, never a 404 to the caller.
 */
export function authorOf(people: Map<Id, Person>, authorId: Id, what: string): Person {
  const person = people.get(authorId);
  if (!person) throw new Error(`${what} has an author (${authorId}) that is not in the users table`);
  return person;
}

/** Whether `viewerId` follows `personId`; false for an anonymous viewer. */
export async function follows(db: EnterpriseDb, viewerId: Id | undefined, personId: Id): Promise<boolean> {
  if (viewerId === undefined) return false;
  return (await followedAmong(db, viewerId, [personId])).has(personId);
}

export async function followersCount(db: EnterpriseDb, personId: Id): Promise<number> {
  const row = await db
    .selectFrom('follows')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('followee_id', '=', personId)
    .executeTakeFirstOrThrow();
  // PostgreSQL may hand integers back as strings.
  return Number(row.n);
}
