import { fieldTaken, userRegistration } from '@journey/conduit-rules';
import { AlreadyTaken, type DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { timestamp, userView } from '../presenters.js';

type Ports = Pick<DrivenPorts, 'users' | 'passwords' | 'tokens' | 'clock'>;

export const registerUser =
  (ports: Ports): UseCase<'registerUser'> =>
  async (input) => {
    const { username, email, password } = userRegistration(input);
    const at = timestamp(ports);
    // pattern: no "is the name free?" read first — the repository's uniqueness guarantee decides,
    // so two racing registrations cannot both win, on any adapter.
    const user = await ports.users
      .create({
        username,
        email,
        passwordHash: await ports.passwords.hash(password),
        bio: null,
        image: null,
        createdAt: at,
        updatedAt: at,
      })
      .catch(taken);
    return userView(ports, user);
  };

/** A uniqueness conflict is the client's 422 `{"username":["has already been taken"]}`. */
export function taken(error: unknown): never {
  if (error instanceof AlreadyTaken) throw fieldTaken(error.field);
  throw error;
}
