import type { Generated } from 'kysely';

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: string;
  body: string;
  author_id: number;
  created_at: string;
  updated_at: string;
  /**
   * Read-optimised copies, kept in the same transaction as their source rows: the number of
   * `favorites` rows, and the article's tags as a JSON array (Conduit never edits tags after
   * publishing). A page of articles is then one plain scan; the `favorites` and `article_tags`
   * tables stay the truth for filtering and for the tag cloud.
   */
  favorites_count: Generated<number>;
  tag_list: string;
}

export interface TagsTable {
  id: Generated<number>;
  name: string;
  /** How many articles carry the tag: a database trigger keeps it with `article_tags` (articles-002). */
  articles_count: Generated<number>;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
}

export interface FavoritesTable {
  user_id: number;
  article_id: number;
}

export interface ArticlesTables {
  articles: ArticlesTable;
  tags: TagsTable;
  article_tags: ArticleTagsTable;
  favorites: FavoritesTable;
}
