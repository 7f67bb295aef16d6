import { createJwtTokens } from '@journey/platform';
import type { TokenService } from '../../application/ports/driven/index.js';

/** The TokenService port, adapted to the shared JWT implementation (HS256, pinned algorithm). */
export const jwtTokenService = (secret: string, lifetime?: string): TokenService =>
  createJwtTokens(secret, lifetime);
