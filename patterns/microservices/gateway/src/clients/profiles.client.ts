import type { ProfileCard } from '@journey/microservices-profiles/api';
import type { Downstream } from '@journey/microservices-service-client';

const FOLLOWERS_ME = '/profiles/:username/followers/me';

export function profilesClient(profiles: Downstream) {
  const profile = async (call: Promise<{ profile: ProfileCard }>) => (await call).profile;
  return {
    /** pattern: one batch call for every author on a page, never one call per article (no N+1). */
    async byIds(viewerId: number | null, ids: number[]): Promise<Map<number, ProfileCard>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const { profiles: found } = await profiles.call<{ profiles: ProfileCard[] }>({
        method: 'GET',
        route: '/profiles',
        viewerId,
        query: { ids: unique },
      });
      return new Map(found.map((p) => [p.id, p]));
    },
    one: (viewerId: number | null, username: string) =>
      profile(profiles.call({ method: 'GET', route: '/profiles/:username', params: { username }, viewerId })),
    follow: (viewerId: number, username: string) =>
      profile(profiles.call({ method: 'PUT', route: FOLLOWERS_ME, params: { username }, viewerId })),
    unfollow: (viewerId: number, username: string) =>
      profile(profiles.call({ method: 'DELETE', route: FOLLOWERS_ME, params: { username }, viewerId })),
    async followees(viewerId: number): Promise<number[]> {
      return (await profiles.call<{ ids: number[] }>({ method: 'GET', route: '/followees', viewerId })).ids;
    },
  };
}

export type ProfilesClient = ReturnType<typeof profilesClient>;
