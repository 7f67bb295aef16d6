import { Unauthorized } from '../../domain/errors.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';

type Ports = Pick<DrivenPorts, 'tokens'>;

export const authenticate =
  ({ tokens }: Ports): UseCase<'authenticate'> =>
  async (token) => {
    const userId = await tokens.verify(token);
    if (userId === null) throw new Unauthorized('token is invalid or expired');
    return userId;
  };
