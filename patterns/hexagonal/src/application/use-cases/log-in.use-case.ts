import { messages, Rules, ValidationFailed } from '@journey/conduit-rules';
import { canonicalEmail } from '../../domain/user.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { userView } from '../presenters.js';

type Ports = Pick<DrivenPorts, 'users' | 'passwords' | 'tokens'>;

export const logIn =
  (ports: Ports): UseCase<'logIn'> =>
  async (input) => {
    new Rules().required('email', input.email).required('password', input.password).check();
    const user = await ports.users.byEmail(canonicalEmail(input.email));
    // One message for both cases: the reply must not tell which emails are registered.
    if (!user || !(await ports.passwords.verify(input.password, user.passwordHash))) {
      throw new ValidationFailed({ 'email or password': [messages.credentials] });
    }
    return userView(ports, user);
  };
