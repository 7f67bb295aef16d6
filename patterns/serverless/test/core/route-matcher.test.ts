import { describe, expect, it } from 'vitest';
import { routesOf } from '../../core/function-routes.js';
import { matchRoute, routedMethod } from '../../core/route-matcher.js';

const routes = routesOf(['GetArticle', 'GetArticlesFeed', 'DeleteArticleComment', 'GetArticles']);

describe('matchRoute', () => {
  it('when a path has parameters, then they come back decoded by name', () => {
    const match = matchRoute(routes, 'DELETE', '/api/articles/caf%C3%A9/comments/12');
    expect(match?.route.operationId).toBe('DeleteArticleComment');
    expect(match?.params).toEqual({ slug: 'café', id: '12' });
  });

  it('when a literal segment and a parameter both fit, then the literal wins, whatever the order', () => {
    expect(matchRoute(routes, 'GET', '/api/articles/feed')?.route.operationId).toBe('GetArticlesFeed');
    expect(matchRoute([...routes].reverse(), 'GET', '/api/articles/feed')?.route.operationId).toBe(
      'GetArticlesFeed',
    );
    expect(matchRoute(routes, 'GET', '/api/articles/how-to')?.route.operationId).toBe('GetArticle');
  });

  it('when the method, the length or a literal differs, then nothing matches', () => {
    expect(matchRoute(routes, 'PUT', '/api/articles/how-to')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/api/articles/how-to/extra')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/api/profiles/how-to')).toBeUndefined();
  });

  it('when a trailing slash is sent, then the path still matches its route', () => {
    expect(matchRoute(routes, 'GET', '/api/articles/')?.route.operationId).toBe('GetArticles');
  });

  it('when a parameter is longer than any id we issue, then nothing matches (a 404)', () => {
    expect(matchRoute(routes, 'GET', `/api/articles/${'a'.repeat(101)}`)).toBeUndefined();
    expect(matchRoute(routes, 'GET', `/api/articles/${'a'.repeat(100)}`)).toBeDefined();
  });

  it('when a segment is not validly percent-encoded, then it is refused as a 400 naming the route', () => {
    expect(() => matchRoute(routes, 'GET', '/api/articles/%E0%A4%A')).toThrow(
      expect.objectContaining({ statusCode: 400, field: 'route' }),
    );
  });

  it('when a HEAD arrives, then it is routed as the GET it stands for', () => {
    expect(routedMethod('HEAD')).toBe('GET');
    expect(routedMethod('POST')).toBe('POST');
  });
});
