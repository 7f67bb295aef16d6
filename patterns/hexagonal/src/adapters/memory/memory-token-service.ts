import type { TokenService } from '../../application/ports/driven/index.js';

/**
 * Opaque tokens remembered in a Map: no signature, no expiry, gone on restart. Good for use-case
 * tests (no crypto, no clock); the lab's HTTP server uses the JWT adapter even with in-memory storage.
 */
export function memoryTokenService(): TokenService {
  const issued = new Map<string, number>();
  let counter = 0;
  return {
    async issue(userId) {
      counter += 1;
      const token = `memory-token-${counter}`;
      issued.set(token, userId);
      return token;
    },
    async verify(token) {
      return issued.get(token) ?? null;
    },
  };
}
