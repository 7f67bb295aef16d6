import type { BusinessRule } from './business-rule.js';
import type { User } from './user.js';

/** A user as another user sees them. */
export interface Profile {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

export const profileOf = (user: Pick<User, 'username' | 'bio' | 'image'>, following: boolean): Profile => ({
  username: user.username,
  bio: user.bio,
  image: user.image,
  following,
});

export class CannotFollowYourself implements BusinessRule {
  readonly field = 'username';
  readonly message = 'you cannot follow yourself';
  constructor(
    private readonly followerId: number,
    private readonly followeeId: number,
  ) {}
  isBroken() {
    return this.followerId === this.followeeId;
  }
}
