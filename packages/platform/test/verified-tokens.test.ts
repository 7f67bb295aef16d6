import { describe, expect, it } from 'vitest';
import { createVerifiedTokens } from '../src/verified-tokens.js';

const until = (expiresAt: number) => ({ userId: 1, expiresAt });

describe('createVerifiedTokens', () => {
  it('when more tokens are remembered than its capacity, then it holds only the capacity, the least recently used gone', () => {
    const verified = createVerifiedTokens(2);
    verified.remember('a', until(100));
    verified.remember('b', until(100));
    expect(verified.get('a', 0)).toEqual(until(100));
    verified.remember('c', until(100));

    expect(verified.size).toBe(2);
    expect(verified.get('b', 0)).toBeUndefined();
    expect(verified.get('a', 0)).toEqual(until(100));
    expect(verified.get('c', 0)).toEqual(until(100));
  });

  it('when thousands of tokens pass, then it never holds more than its capacity', () => {
    const verified = createVerifiedTokens(100);
    for (let index = 0; index < 5_000; index++) verified.remember(`token-${index}`, until(100));
    expect(verified.size).toBe(100);
    expect(verified.get('token-4999', 0)).toEqual(until(100));
    expect(verified.get('token-4899', 0)).toBeUndefined();
  });

  it('when a token is asked for at or after its expiry, then it is not answered and is forgotten', () => {
    const verified = createVerifiedTokens(2);
    verified.remember('a', until(100));
    expect(verified.get('a', 99)).toEqual(until(100));
    expect(verified.get('a', 100)).toBeUndefined();
    expect(verified.size).toBe(0);
  });

  it('when its capacity is 0, then it remembers nothing', () => {
    const verified = createVerifiedTokens(0);
    verified.remember('a', until(100));
    expect(verified.size).toBe(0);
  });
});
