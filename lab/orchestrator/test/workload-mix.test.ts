import { describe, expect, it } from 'vitest';
import {
  mixFor,
  NEEDS_LOGIN,
  parseWeights,
  shapeWeights,
  WORKLOAD_OPERATIONS,
  WORKLOAD_SHAPES,
  WorkloadMixError,
  writeShare,
} from '../src/compare/workload-mix.js';

describe('the compare workload mix', () => {
  it('when the shapes are compared, then each writes more than the one before, for a signed-in user', () => {
    const shares = WORKLOAD_SHAPES.map((shape) => writeShare(mixFor(shapeWeights(shape), true)!));
    expect(shares[0]).toBeCloseTo(0.05, 5);
    expect(shares[1]).toBeCloseTo(0.35, 5);
    expect(shares[2]).toBeCloseTo(0.65, 5);
  });

  it('when a user is anonymous, then its mix holds only calls that need no login, with shares summing to 1', () => {
    const mix = mixFor(shapeWeights('write-heavy'), false)!;
    expect(mix.shares.map((s) => s.operation)).toEqual(['list', 'article', 'comments', 'tags', 'profile']);
    expect(mix.shares.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 10);
    expect(writeShare(mix)).toBe(0);
  });

  it('when operations are drawn many times, then each comes up about as often as its share', () => {
    const mix = mixFor(shapeWeights('balanced'), true)!;
    const counts = new Map<string, number>();
    const draws = 100_000;
    // An even sweep of [0, 1): the counts are the shares up to one draw per boundary.
    for (let i = 0; i < draws; i++) {
      const op = mix.pick(i / draws);
      counts.set(op, (counts.get(op) ?? 0) + 1);
    }
    for (const { operation, share } of mix.shares) {
      expect(Math.abs((counts.get(operation) ?? 0) / draws - share)).toBeLessThan(0.001);
    }
    expect(mix.pick(0.999_999_999)).toBe(mix.shares.at(-1)!.operation);
  });

  it('when weights are given one by one, then the others weigh 0 and only the named ones are drawn', () => {
    const weights = parseWeights('list=3, favorite=1');
    expect(weights.list).toBe(3);
    expect(weights.favorite).toBe(1);
    expect(WORKLOAD_OPERATIONS.filter((op) => weights[op] > 0)).toEqual(['list', 'favorite']);
    expect(mixFor(weights, true)!.shares).toEqual([
      { operation: 'list', share: 0.75 },
      { operation: 'favorite', share: 0.25 },
    ]);
  });

  it('when the weights leave anonymous users nothing, then their mix is undefined', () => {
    const onlyLoggedIn = parseWeights([...NEEDS_LOGIN].map((op) => `${op}=1`).join(','));
    expect(mixFor(onlyLoggedIn, false)).toBeUndefined();
    expect(mixFor(onlyLoggedIn, true)!.shares).toHaveLength(NEEDS_LOGIN.size);
  });

  it.each([
    ['lists=1', /unknown operation "lists"/],
    ['list=-1', /weight of list must be a number ≥ 0/],
    ['list=abc', /weight of list must be a number ≥ 0/],
    ['list', /weight of list must be a number ≥ 0/],
    ['list=1=2', /weight of list must be a number ≥ 0/],
    ['list=0,feed=0', /every operation 0/],
    ['', /every operation 0/],
  ])('when the weights are "%s", then parsing says what is wrong', (text, message) => {
    expect(() => parseWeights(text)).toThrow(WorkloadMixError);
    expect(() => parseWeights(text)).toThrow(message);
  });
});
