import type { ProfilesTables } from '@journey/conduit-sql/profiles';
import type { Profile } from '@journey/contract';
import type { Kysely } from 'kysely';
import type { UsersApi } from '../users/index.js';
import { profilesHandlers } from './profiles.handlers.js';
import { createProfilesService } from './profiles.service.js';

/** What other modules may ask of the profiles module. */
export interface ProfilesApi {
  /** Profiles as `viewerId` sees them (the `following` flag), keyed by user id; unknown ids are left out. */
  profilesByIds(viewerId: number | null, ids: readonly number[]): Promise<Map<number, Profile>>;
  /**
   * Profiles of users the viewer is known to follow (a feed's authors, from `followeeIds`), all with
   * `following: true`, without asking again.
   */
  followedProfilesByIds(ids: readonly number[]): Promise<Map<number, Profile>>;
  followeeIds(followerId: number): Promise<number[]>;
}

export function createProfilesModule(db: Kysely<ProfilesTables>, users: UsersApi) {
  const service = createProfilesService(db, users);
  const api: ProfilesApi = {
    profilesByIds: service.profilesByIds,
    followedProfilesByIds: service.followedProfilesByIds,
    followeeIds: service.followeeIds,
  };
  return { api, handlers: profilesHandlers(service) };
}

// pattern: the profiles module owns these tables; no other module may query them (ADR 2). Their
// definition lives in @journey/conduit-sql, the schema layered and hexagonal share (ADR 5).
export { type ProfilesTables, profilesMigrations } from '@journey/conduit-sql/profiles';
