import { NotFound } from '../../domain/errors.js';
import { canonicalEmail, canonicalUsername, checkChanges, optionalText } from '../../domain/user.js';
import type { DrivenPorts, UserUpdate } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { timestamp, userView } from '../presenters.js';
import { taken } from './register-user.use-case.js';

type Ports = Pick<DrivenPorts, 'users' | 'passwords' | 'tokens' | 'clock'>;

export const updateUser =
  (ports: Ports): UseCase<'updateUser'> =>
  async (viewer, input) => {
    checkChanges(input);
    const changes: UserUpdate = {
      ...(input.username !== undefined && { username: canonicalUsername(input.username) }),
      ...(input.email !== undefined && { email: canonicalEmail(input.email) }),
      ...(input.password !== undefined && { passwordHash: await ports.passwords.hash(input.password) }),
      ...(input.bio !== undefined && { bio: optionalText(input.bio) }),
      ...(input.image !== undefined && { image: optionalText(input.image) }),
      updatedAt: timestamp(ports),
    };
    const user = await ports.users.update(viewer, changes).catch(taken);
    if (!user) throw new NotFound('user');
    return userView(ports, user);
  };
