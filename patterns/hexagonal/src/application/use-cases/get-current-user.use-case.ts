import { Unauthorized } from '../../domain/errors.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { userView } from '../presenters.js';

type Ports = Pick<DrivenPorts, 'users' | 'tokens'>;

export const getCurrentUser =
  (ports: Ports): UseCase<'getCurrentUser'> =>
  async (viewer) => {
    const user = await ports.users.byId(viewer);
    // A valid token for a user that no longer exists is as good as no token.
    if (!user) throw new Unauthorized('the user of this token no longer exists');
    return userView(ports, user);
  };
