import type { Profile } from '@journey/contract';
import { type ExpressionBuilder, sql } from 'kysely';
import type { ViewsDatabaseTables } from '../views.tables.js';

/** A query joined with the `profiles` projection's users as `u`. */
export type WithAuthor = ViewsDatabaseTables & { u: ViewsDatabaseTables['users'] };

/** Whether the viewer follows `u`; false for an anonymous reader. */
export const followedByViewer = (eb: ExpressionBuilder<WithAuthor, 'u'>, viewerId: number | null) =>
  viewerId === null
    ? sql<boolean>`${sql.lit(false)}`.as('following')
    : eb
        .exists(
          eb
            .selectFrom('follows as f')
            .whereRef('f.followed_id', '=', 'u.user_id')
            .where('f.follower_id', '=', viewerId)
            .select(sql.lit(1).as('one')),
        )
        .as('following');

export const authorColumns = ['u.username', 'u.bio', 'u.image'] as const;

export interface AuthorRow {
  username: string;
  bio: string | null;
  image: string | null;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  following: number | boolean;
}

export const toProfile = (row: AuthorRow): Profile => ({
  username: row.username,
  bio: row.bio,
  image: row.image,
  following: Boolean(row.following),
});
