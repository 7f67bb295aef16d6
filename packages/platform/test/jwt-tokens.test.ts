import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { createJwtTokens } from '../src/jwt-tokens.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

/** A clock the test moves by hand, so expiry is checked at exact instants instead of by waiting. */
function handClock() {
  let at = Date.now();
  return { now: () => at, set: (ms: number) => (at = ms) };
}

/** Flips one character of a JWT's part (0 header, 1 payload, 2 signature) to another base64url one. */
function changed(token: string, part: number): string {
  const parts = token.split('.');
  const text = parts[part] ?? '';
  const middle = Math.floor(text.length / 2);
  parts[part] = `${text.slice(0, middle)}${text[middle] === 'A' ? 'B' : 'A'}${text.slice(middle + 1)}`;
  return parts.join('.');
}

describe('createJwtTokens', () => {
  it('when a token is verified again, then it still names its user', async () => {
    const tokens = createJwtTokens(SECRET);
    const token = await tokens.issue(42);
    expect(await tokens.verify(token)).toBe(42);
    expect(await tokens.verify(token)).toBe(42);
  });

  it('when a remembered token reaches its exp, then it is rejected', async () => {
    const clock = handClock();
    const tokens = createJwtTokens(SECRET, '1h', { now: clock.now });
    const token = await tokens.issue(7);
    const expiresAt = (decodeJwt(token).exp ?? 0) * 1000;
    expect(await tokens.verify(token)).toBe(7);

    clock.set(expiresAt - 1);
    expect(await tokens.verify(token)).toBe(7);
    clock.set(expiresAt);
    expect(await tokens.verify(token)).toBeNull();
    // Forgotten, then verified afresh: still expired.
    expect(await tokens.verify(token)).toBeNull();
  });

  it('when a token differs from a remembered one by one character, then it is rejected', async () => {
    const tokens = createJwtTokens(SECRET);
    const token = await tokens.issue(42);
    expect(await tokens.verify(token)).toBe(42);

    for (const part of [0, 1, 2]) expect(await tokens.verify(changed(token, part))).toBeNull();
    expect(await tokens.verify(`${token}x`)).toBeNull();
    expect(await tokens.verify(token.slice(0, -1))).toBeNull();
    expect(await tokens.verify(token)).toBe(42);
  });

  it('when a token is signed with another secret for a remembered user, then it is rejected', async () => {
    const tokens = createJwtTokens(SECRET);
    expect(await tokens.verify(await tokens.issue(42))).toBe(42);
    const forged = await createJwtTokens('another-secret-of-the-same-length-for-hs256').issue(42);
    expect(await tokens.verify(forged)).toBeNull();
  });

  it('when more tokens are verified than it remembers, then each is still verified correctly', async () => {
    const tokens = createJwtTokens(SECRET, '7d', { cacheSize: 2 });
    const issued = await Promise.all([1, 2, 3, 4, 5].map((id) => tokens.issue(id)));
    for (const round of [1, 2]) {
      for (const [index, token] of issued.entries())
        expect(await tokens.verify(token), `round ${round}`).toBe(index + 1);
    }
  });
});
