import { describe, expect, it } from 'vitest';
import { hashPassword, SCRYPT_COST, verifyPassword } from '../src/password-hashing.js';

// A cheap cost keeps the suite quick; the format and the comparison are the same at any cost.
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

// Made by the monolith's own password.ts before the patterns shared this one: databases hold hashes like it.
const STORED_BEFORE_THE_SHARE =
  'scrypt$32768$8$1$Zr5nNrBXnE_k903zNYuy_w$7LVeEUm78LgTrqs7MrTbM7hlcFjyNU_pdfvWOUO7N5Q';

describe('hashPassword / verifyPassword', () => {
  it('when a password is hashed, then the hash does not contain it and verifies only that password', async () => {
    const hash = await hashPassword('correct horse battery', CHEAP);
    expect(hash).not.toContain('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('when no cost is given, then the default cost is written into the hash as scrypt$N$r$p$salt$key', async () => {
    const hash = await hashPassword('jakejake');
    const [scheme, n, r, p, salt, key] = hash.split('$');
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual([
      'scrypt',
      SCRYPT_COST.N,
      SCRYPT_COST.r,
      SCRYPT_COST.p,
    ]);
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64url')).toHaveLength(32);
  });

  it('when the same password is hashed twice, then the salts differ and both verify', async () => {
    const [first, second] = await Promise.all([hashPassword('same', CHEAP), hashPassword('same', CHEAP)]);
    expect(first).not.toBe(second);
    expect(await verifyPassword('same', first)).toBe(true);
    expect(await verifyPassword('same', second)).toBe(true);
  });

  it('when a hash was stored by the patterns before they shared this helper, then it still verifies', async () => {
    expect(await verifyPassword('Pässword-1 jake', STORED_BEFORE_THE_SHARE)).toBe(true);
    expect(await verifyPassword('Pässword-1 Jake', STORED_BEFORE_THE_SHARE)).toBe(false);
  });

  it('when passwords differ only in case or accent, then they are different; the same text composed differently is the same', async () => {
    const hash = await hashPassword('Pässword-1', CHEAP);
    expect(await verifyPassword('pässword-1', hash)).toBe(false);
    expect(await verifyPassword('Password-1', hash)).toBe(false);
    // "a" followed by a combining diaeresis is what some keyboards send for "ä".
    expect(await verifyPassword('Pa\u0308ssword-1', hash)).toBe(true);
  });

  it('when the stored value is not a readable scrypt hash, then verify answers false instead of throwing', async () => {
    const key = Buffer.alloc(32).toString('base64url');
    const garbage = [
      '',
      'plain',
      '$$$$$',
      'fake$drowssap',
      'bcrypt$32768$8$1$AAAA$AAAA',
      'scrypt$1$2$3$x$y', // N not a power of two
      'scrypt$-5$8$1$AAAA$AAAA',
      'scrypt$abc$8$1$AAAA$AAAA',
      'scrypt$0$8$1$AAAA$AAAA',
      `scrypt$${2 ** 22}$8$1$AAAA$${key}`, // more memory than we allow
      `scrypt$1024$8$1$$${key}`, // no salt
      `scrypt$1024$8$1$AAAA$${key}$extra`,
    ];
    for (const stored of garbage) expect(await verifyPassword('password', stored), stored).toBe(false);
  });

  it('when the stored key has another length, then verify answers false (no length-dependent throw)', async () => {
    const hash = await hashPassword('password', CHEAP);
    const truncated = hash.slice(0, -4);
    expect(await verifyPassword('password', truncated)).toBe(false);
  });
});
