import { area } from '../check.js';
import type { ConduitClient } from '../client.js';
import { allOf, fails, ok } from '../expect.js';
import { publish, signUp } from '../fixtures.js';

/**
 * Every endpoint that needs a user, called with a given token (or none). Articles, comments and
 * profiles exist, so a 404 cannot hide a missing auth check.
 */
async function protectedCalls(api: ConduitClient, token: string | undefined) {
  const owner = await signUp(api, 'authowner');
  const article = await publish(api, owner);
  const { comment } = ok(await api.addComment(owner.token, article.slug, 'a comment'));
  const slug = article.slug;
  return [
    () => api.currentUser(token),
    () => api.updateUser(token, { bio: 'nope' }),
    () => api.follow(token, owner.username),
    () => api.unfollow(token, owner.username),
    () => api.feed(token),
    () => api.createArticle(token, { title: 'nope', description: 'nope', body: 'nope' }),
    () => api.updateArticle(token, slug, { body: 'nope' }),
    () => api.deleteArticle(token, slug),
    () => api.favorite(token, slug),
    () => api.unfavorite(token, slug),
    () => api.addComment(token, slug, 'nope'),
    () => api.deleteComment(token, slug, comment.id),
  ];
}

/** Spec: endpoints.md "Authentication Header", error-handling.md "401 for Unauthorized requests". */
export const authChecks = area('auth', {
  'when an endpoint that needs a user is called without a token, then it answers 401': async ({ api }) => {
    const calls = await protectedCalls(api, undefined);
    await allOf(calls.map((call) => async () => fails(await call(), 401)));
  },

  'when the token is not a JWT, then an endpoint that needs a user answers 401': async ({ api }) => {
    await allOf(
      ['garbage', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.e30'].map((token) => async () => {
        fails(await api.currentUser(token), 401);
        fails(await api.feed(token), 401);
      }),
    );
  },

  'when the token signature is tampered with, then an endpoint that needs a user answers 401': async ({
    api,
  }) => {
    const user = await signUp(api, 'tamper');
    const [header, payload, signature = ''] = user.token.split('.');
    // Change a character in the middle: the last one of a base64url signature may only carry padding bits.
    const at = Math.floor(signature.length / 2);
    const forged = `${signature.slice(0, at)}${signature[at] === 'A' ? 'B' : 'A'}${signature.slice(at + 1)}`;
    fails(await api.currentUser(`${header}.${payload}.${forged}`), 401);
  },

  'when a valid token comes under another scheme (Basic), then it answers 401': async ({ api }) => {
    const user = await signUp(api, 'scheme');
    fails(await api.call('GetCurrentUser', { headers: { authorization: `Basic ${user.token}` } }), 401);
  },
});
