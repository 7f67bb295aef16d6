import type * as Json from '@journey/contract';
import type { Profile } from '@journey/soa-contracts';

/** Canonical Profile → JSON: an absent bio or image is `null`. */
export const toProfile = (profile: Profile): Json.Profile => ({
  username: profile.username,
  bio: profile.bio ?? null,
  image: profile.image ?? null,
  following: profile.following,
});
