import { profileOf } from '../../domain/profile.js';
import { requireProfileUser } from '../lookups.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';

type Ports = Pick<DrivenPorts, 'users' | 'follows'>;

export const getProfile =
  ({ users, follows }: Ports): UseCase<'getProfile'> =>
  async (viewer, username) => {
    const user = await requireProfileUser(users, username);
    const following = viewer !== null && (await follows.followedAmong(viewer, [user.id])).has(user.id);
    return profileOf(user, following);
  };
