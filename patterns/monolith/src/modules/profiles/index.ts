import type { Profile } from '@journey/contract';
import type { Kysely } from 'kysely';
import type { Authenticated } from '../../http/authentication.js';
import type { App } from '../../http/server.js';
import type { UsersApi } from '../users/index.js';
import { profilesRoutes } from './profiles.routes.js';
import { createProfilesService } from './profiles.service.js';
import type { ProfilesTables } from './profiles.tables.js';

/** What other modules may ask of the profiles module. */
export interface ProfilesApi {
  /** Profiles as `viewerId` sees them (the `following` flag), keyed by user id; unknown ids are left out. */
  profilesByIds(viewerId: number | null, ids: readonly number[]): Promise<Map<number, Profile>>;
  followeeIds(followerId: number): Promise<number[]>;
}

export function createProfilesModule(db: Kysely<ProfilesTables>, users: UsersApi) {
  const service = createProfilesService(db, users);
  const api: ProfilesApi = { profilesByIds: service.profilesByIds, followeeIds: service.followeeIds };
  return { api, routes: (app: App, auth: Authenticated) => profilesRoutes(app, service, auth) };
}

export type { ProfilesTables } from './profiles.tables.js';
