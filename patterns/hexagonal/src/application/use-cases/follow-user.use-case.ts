import { checkCanFollow, profileOf } from '../../domain/profile.js';
import { requireProfileUser } from '../lookups.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';

type Ports = Pick<DrivenPorts, 'users' | 'follows'>;

export const followUser =
  ({ users, follows }: Ports): UseCase<'followUser'> =>
  async (viewer, username) => {
    const followee = await requireProfileUser(users, username);
    checkCanFollow(viewer, followee.id);
    await follows.follow(viewer, followee.id);
    return profileOf(followee, true);
  };
