import type { Generated } from 'kysely';

/** The tables behind the SQL adapters; only files in `adapters/sql|sqlite|postgres` know them. */
export interface Database {
  users: {
    id: Generated<number>;
    username: string;
    email: string;
    password_hash: string;
    bio: string | null;
    image: string | null;
    created_at: string;
    updated_at: string;
  };
  follows: { follower_id: number; followee_id: number; created_at: string };
  articles: {
    id: Generated<number>;
    slug: string;
    title: string;
    description: string;
    author_id: number;
    created_at: string;
    updated_at: string;
    favorites_count: Generated<number>;
    /** JSON array text, written once at publication (Conduit never edits tags). */
    tag_list: string;
    body: string;
  };
  tags: { id: Generated<number>; name: string };
  article_tags: { article_id: number; tag_id: number };
  favorites: { user_id: number; article_id: number };
  comments: {
    id: Generated<number>;
    article_id: number;
    author_id: number;
    body: string;
    created_at: string;
    updated_at: string;
  };
}

export type SqlDialectName = 'sqlite' | 'postgres';

/** What differs between the two SQL adapters, handed to the shared Kysely code. */
export interface SqlDialect {
  name: SqlDialectName;
  /** Which unique rule a failed write broke, or undefined when the error is no unique violation. */
  violatedUnique(error: unknown): 'username' | 'email' | 'slug' | undefined;
}
