import { userEdit } from '@journey/conduit-rules';
import { NotFound } from '../../domain/errors.js';
import type { DrivenPorts, UserUpdate } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { timestamp, userView } from '../presenters.js';
import { taken } from './register-user.use-case.js';

type Ports = Pick<DrivenPorts, 'users' | 'passwords' | 'tokens' | 'clock'>;

export const updateUser =
  (ports: Ports): UseCase<'updateUser'> =>
  async (viewer, input) => {
    const { password, ...profile } = userEdit(input);
    const changes: UserUpdate = {
      ...profile,
      ...(password !== undefined && { passwordHash: await ports.passwords.hash(password) }),
      updatedAt: timestamp(ports),
    };
    const user = await ports.users.update(viewer, changes).catch(taken);
    if (!user) throw new NotFound('user');
    return userView(ports, user);
  };
