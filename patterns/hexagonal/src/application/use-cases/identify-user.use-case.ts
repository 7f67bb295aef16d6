import { requireProfileUser } from '../lookups.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';

type Ports = Pick<DrivenPorts, 'users'>;

/** For trusted driving adapters (the admin CLI) that act on a user's behalf without their token. */
export const identifyUser =
  ({ users }: Ports): UseCase<'identifyUser'> =>
  async (username) =>
    (await requireProfileUser(users, username)).id;
