import type { ProfileCard } from '@journey/microservices-profiles/api';
import type { Downstream } from '@journey/microservices-service-client';

const FOLLOWERS_ME = '/profiles/:username/followers/me';

export function profilesClient(profiles: Downstream) {
  const profile = async (call: Promise<{ profile: ProfileCard }>) => (await call).profile;
  return {
    /** Which of these users the viewer follows, in one call. */
    async followedAmong(viewerId: number, ids: readonly number[]): Promise<Set<number>> {
      if (ids.length === 0) return new Set();
      const query = { among: ids };
      const { ids: followed } = await profiles.call<{ ids: number[] }>({
        method: 'GET',
        route: '/followees',
        viewerId,
        query,
      });
      return new Set(followed);
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
