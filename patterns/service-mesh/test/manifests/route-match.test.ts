import { describe, expect, it } from 'vitest';
import {
  covers,
  describeMatch,
  eachMethod,
  isRestricted,
  overlaps,
} from '../../manifests/src/route-match.js';
import type { RouteMatch } from '../../policy/src/mesh-policy.js';

const ANY: RouteMatch | undefined = undefined;
const GET_ARTICLES: RouteMatch = { methods: ['GET'], pathPrefix: '/api/articles' };
const ARTICLES: RouteMatch = { pathPrefix: '/api/articles' };
const FEED: RouteMatch = { pathPrefix: '/api/articles/feed' };
const POST: RouteMatch = { methods: ['POST'] };

describe('how the generators compare the policy’s matches', () => {
  it.each<[string, RouteMatch | undefined, RouteMatch | undefined, boolean]>([
    ['any call', ANY, GET_ARTICLES, true],
    ['a prefix', ARTICLES, GET_ARTICLES, true],
    ['a longer prefix', FEED, ARTICLES, false],
    ['one method', GET_ARTICLES, ARTICLES, false],
    ['a method list', { methods: ['GET', 'HEAD'] }, GET_ARTICLES, true],
    ['an empty method list, as any method', { methods: [] }, POST, true],
  ])('when the outer match is %s, then it covers the inner one: %s', (_, outer, inner, expected) => {
    expect(covers(outer, inner)).toBe(expected);
  });

  it.each<[string, RouteMatch | undefined, RouteMatch | undefined, boolean]>([
    ['a method and a longer prefix', GET_ARTICLES, FEED, true],
    ['different methods', GET_ARTICLES, POST, false],
    ['prefixes neither of which starts the other', { pathPrefix: '/api/a' }, { pathPrefix: '/api/b' }, false],
    ['any call and anything', ANY, POST, true],
  ])('when two matches have %s, then some call matches both: %s', (_, a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });

  it('when a match narrows nothing, then it is unrestricted, has one “any” method and reads as any call', () => {
    expect(isRestricted({ methods: [] })).toBe(false);
    expect(isRestricted(POST)).toBe(true);
    expect(eachMethod(ARTICLES)).toEqual([undefined]);
    expect(describeMatch(ANY)).toBe('any method any path');
    expect(describeMatch(GET_ARTICLES)).toBe('GET /api/articles*');
  });
});
