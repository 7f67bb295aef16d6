import { compiledOnce } from '@journey/conduit-sql';
import type { UsersTables } from '@journey/conduit-sql/users';
import type { Kysely } from 'kysely';
import type { TokenService } from './tokens.js';
import { usersHandlers } from './users.handlers.js';
import { createUsersService } from './users.service.js';

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

// Every page of articles asks for its authors, so these two are compiled once (issue 18).
const summaries = compiledOnce((db: Kysely<UsersTables>, { ids }: { ids: readonly number[] }) =>
  db.selectFrom('users').select(['id', 'username', 'bio', 'image']).where('id', 'in', ids),
);
const idByUsername = compiledOnce((db: Kysely<UsersTables>, { username }: { username: string }) =>
  db.selectFrom('users').select('id').where('username', '=', username),
);

export function createUsersModule(db: Kysely<UsersTables>, tokens: TokenService) {
  const service = createUsersService(db, tokens);
  const api: UsersApi = {
    async summariesByIds(ids) {
      if (ids.length === 0) return new Map();
      const { rows } = await summaries(db, { ids: [...new Set(ids)] });
      return new Map(rows.map((row) => [row.id, row]));
    },
    async idOf(username) {
      const {
        rows: [row],
      } = await idByUsername(db, { username });
      return row?.id;
    },
  };
  return { api, handlers: usersHandlers(service) };
}

// pattern: the users module owns these tables; no other module may query them (ADR 2). Their
// definition lives in @journey/conduit-sql, the schema layered and hexagonal share (ADR 5).
export { type UsersTables, usersMigrations } from '@journey/conduit-sql/users';
export { createTokenService, type TokenService } from './tokens.js';
