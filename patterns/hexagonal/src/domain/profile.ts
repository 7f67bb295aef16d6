import { ValidationFailed } from '@journey/conduit-rules';
import type { User, UserId } from './user.js';

/** A user as someone else sees them: public fields plus whether the viewer follows them. */
export interface Profile {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

export const profileOf = (user: User, following: boolean): Profile => ({
  username: user.username,
  bio: user.bio,
  image: user.image,
  following,
});

export function checkCanFollow(followerId: UserId, followeeId: UserId): void {
  if (followerId === followeeId) throw new ValidationFailed({ username: ['you cannot follow yourself'] });
}
