import { profileOf } from '../../domain/profile.js';
import { requireProfileUser } from '../lookups.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';

type Ports = Pick<DrivenPorts, 'users' | 'follows'>;

export const unfollowUser =
  ({ users, follows }: Ports): UseCase<'unfollowUser'> =>
  async (viewer, username) => {
    const followee = await requireProfileUser(users, username);
    await follows.unfollow(viewer, followee.id);
    return profileOf(followee, false);
  };
