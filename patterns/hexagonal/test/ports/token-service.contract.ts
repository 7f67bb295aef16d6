import { describe, expect, it } from 'vitest';
import type { TokenService } from '../../src/application/ports/driven/index.js';

/**
 * The TokenService port's promises. `make` must return an independent service each call (another
 * secret, another store): a token of one is meaningless to another.
 */
export function tokenServiceContract(make: () => TokenService | Promise<TokenService>) {
  describe('TokenService', () => {
    it('when a token is issued, then it verifies to the same user id', async () => {
      const tokens = await make();
      for (const id of [1, 42, 2 ** 31]) expect(await tokens.verify(await tokens.issue(id))).toBe(id);
    });

    it('when tokens are issued to two users, then each verifies to its own user', async () => {
      const tokens = await make();
      const [a, b] = [await tokens.issue(7), await tokens.issue(8)];
      expect(a).not.toBe(b);
      expect([await tokens.verify(a), await tokens.verify(b)]).toEqual([7, 8]);
    });

    it('when a token is issued, then it fits the HTTP header "Authorization: Token <token>"', async () => {
      const tokens = await make();
      expect(await tokens.issue(3)).toMatch(/^[A-Za-z0-9_.-]+$/);
    });

    it('when a token is malformed or altered, then verify answers null', async () => {
      const tokens = await make();
      const good = await tokens.issue(5);
      const altered = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
      for (const bad of ['', 'abc', 'a.b.c', altered, `${good}x`])
        expect(await tokens.verify(bad)).toBeNull();
    });

    it('when a token comes from another token service, then verify answers null', async () => {
      const [one, other] = [await make(), await make()];
      expect(await other.verify(await one.issue(9))).toBeNull();
    });
  });
}
