import { describe, expect, it } from 'vitest';
import type { PasswordHasher } from '../../src/application/ports/driven/index.js';

export function passwordHasherContract(make: () => PasswordHasher) {
  describe('PasswordHasher', () => {
    const hasher = make();

    it('when a password is hashed, then the hash is not the password and verifies only that password', async () => {
      const hash = await hasher.hash('correct horse battery');
      expect(hash).not.toContain('correct horse battery');
      expect(await hasher.verify('correct horse battery', hash)).toBe(true);
      expect(await hasher.verify('correct horse batterY', hash)).toBe(false);
      expect(await hasher.verify('', hash)).toBe(false);
    });

    it('when the stored hash is garbage, then verify answers false instead of throwing', async () => {
      for (const garbage of ['', 'plain', 'scrypt$1$2$3$x$y', 'fake$', '$$$$$', 'scrypt$-5$8$1$AAAA$AAAA']) {
        expect(await hasher.verify('password', garbage)).toBe(false);
      }
    });

    it('when passwords differ only in case or unicode, then they are different passwords', async () => {
      const hash = await hasher.hash('Pässword-1');
      expect(await hasher.verify('pässword-1', hash)).toBe(false);
      expect(await hasher.verify('Pässword-1', hash)).toBe(true);
    });
  });
}
