import type { Generated } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  /** Stored lower-cased, so uniqueness ignores case. */
  email: string;
  password_hash: string;
  bio: string | null;
  image: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTables {
  users: UsersTable;
}
