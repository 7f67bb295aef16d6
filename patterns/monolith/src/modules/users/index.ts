import type { Kysely } from 'kysely';
import type { Authenticated } from '../../http/authentication.js';
import type { App } from '../../http/server.js';
import type { TokenService } from './tokens.js';
import { usersRoutes } from './users.routes.js';
import { createUsersService } from './users.service.js';
import type { UsersTables } from './users.tables.js';

export interface UserSummary {
  id: number;
  username: string;
  bio: string | null;
  image: string | null;
}

/** What other modules may ask of the users module. Nothing else in this folder is theirs to import. */
export interface UsersApi {
  summariesByIds(ids: readonly number[]): Promise<Map<number, UserSummary>>;
  idOf(username: string): Promise<number | undefined>;
}

export function createUsersModule(db: Kysely<UsersTables>, tokens: TokenService) {
  const service = createUsersService(db, tokens);
  const api: UsersApi = {
    async summariesByIds(ids) {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('users')
        .select(['id', 'username', 'bio', 'image'])
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return new Map(rows.map((row) => [row.id, row]));
    },
    async idOf(username) {
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirst();
      return row?.id;
    },
  };
  return { api, routes: (app: App, auth: Authenticated) => usersRoutes(app, service, auth) };
}

export { createTokenService, type TokenService } from './tokens.js';
export type { UsersTables } from './users.tables.js';
