import type { Generated } from 'kysely';

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  author_id: number;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface CommentsTables {
  comments: CommentsTable;
}
