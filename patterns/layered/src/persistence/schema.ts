import type { Generated } from 'kysely';

/**
 * The whole Conduit schema in one place. A layered application has one data layer over one schema,
 * so tables may reference each other freely (contrast the monolith, where each module owns its tables).
 */
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
    /** Kept equal to the number of `favorites` rows, in the transaction that changes them. */
    favorites_count: Generated<number>;
    /** The tags as a JSON array, written once: a page of articles then needs no join. */
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
