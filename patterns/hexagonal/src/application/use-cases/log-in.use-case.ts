import { loginCredentials, wrongCredentials } from '@journey/conduit-rules';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { userView } from '../presenters.js';

type Ports = Pick<DrivenPorts, 'users' | 'passwords' | 'tokens'>;

export const logIn =
  (ports: Ports): UseCase<'logIn'> =>
  async (input) => {
    const { email, password } = loginCredentials(input);
    const user = await ports.users.byEmail(email);
    if (!user || !(await ports.passwords.verify(password, user.passwordHash))) throw wrongCredentials();
    return userView(ports, user);
  };
