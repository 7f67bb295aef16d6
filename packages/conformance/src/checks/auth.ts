import { area } from '../check.js';
import type { ConduitClient } from '../client.js';
import { allOf, assert, fail, fails, ok } from '../expect.js';
import { publish, signUp } from '../fixtures.js';
import { forgeTokens } from '../robustness/jwt.js';

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

/**
 * Authorization headers no server can turn into `reader`: garbage, another scheme, and tokens that claim
 * to be the reader (another key, expired, tampered, `alg: none`…), as a browser's storage may hold them.
 */
const unverifiableHeaders = (readerToken: string) => [
  { name: 'garbage', authorization: 'Token garbage' },
  { name: "the reader's token under Basic", authorization: `Basic ${readerToken}` },
  ...forgeTokens(readerToken).map(({ name, token }) => ({ name, authorization: `Token ${token}` })),
];

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

  // Front-ends keep a token in storage and send it on every call; a 401 on a public read makes them drop
  // the session (issue 12, finding 5). A token that proves nobody is no sign-in: the reader is anonymous.
  'when a public read carries a token the server cannot verify, then it answers as to an anonymous reader and GET /user answers 401':
    async ({ api, eventually }) => {
      const author = await signUp(api, 'staleauthor');
      const reader = await signUp(api, 'stalereader');
      const { slug } = await publish(api, author);
      ok(await api.addComment(author.token, slug, 'a comment'));
      ok(await api.favorite(reader.token, slug));
      ok(await api.follow(reader.token, author.username));
      // With the reader's real token the article reads favorited and followed: a server that trusted a
      // forged token would show the same below.
      await eventually(async () => {
        const { article: seen } = ok(await api.getArticle(slug, reader.token));
        assert(
          seen.favorited && seen.author.following,
          "the reader's favorite and follow are not visible yet",
        );
      });
      await allOf(
        unverifiableHeaders(reader.token).map(({ name, authorization }) => async () => {
          const headers = { authorization };
          try {
            const list = ok(await api.call('GetArticles', { headers, query: { author: author.username } }));
            assert(!list.articles.some((a) => a.favorited), `${list.articles.length} listed, one favorited`);
            const { article: read } = ok(await api.call('GetArticle', { headers, params: { slug } }));
            assert(!read.favorited && !read.author.following, 'the article reads favorited or followed');
            const { profile } = ok(
              await api.call('GetProfileByUsername', { headers, params: { username: author.username } }),
            );
            assert(!profile.following, 'the profile reads followed');
            const { comments } = ok(await api.call('GetArticleComments', { headers, params: { slug } }));
            assert(!comments.some((c) => c.author.following), "a comment's author reads followed");
            ok(await api.call('GetTags', { headers }));
            fails(await api.call('GetCurrentUser', { headers }), 401);
          } catch (error) {
            fail(`with ${name}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }),
      );
    },
});
