import { linkTags, popularTagNames } from '@journey/conduit-sql/articles';
import type { ConduitDatabase as Database } from '@journey/conduit-sql/schema';
import type { Kysely } from 'kysely';

export interface TagRepository {
  /** Links an article to its tags, creating the tags that are new. */
  attach(articleId: number, names: readonly string[]): Promise<void>;
  /** Every tag in use, most used first. */
  popular(): Promise<string[]>;
}

export function tagRepository(db: Kysely<Database>): TagRepository {
  return {
    attach: (articleId, names) => linkTags(db, articleId, names),
    popular: () => popularTagNames(db),
  };
}
