import type { ServiceDeps } from './deps.js';
import { Unauthorized } from './errors.js';

/** Who is asking: the http layer reads the header, this decides whether the token is good. */
export function createAuthService({ tokens }: Pick<ServiceDeps, 'tokens'>) {
  return {
    async viewerOf(token: string): Promise<number> {
      const userId = await tokens.verify(token);
      if (userId === null) throw new Unauthorized('token is invalid or expired');
      return userId;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
