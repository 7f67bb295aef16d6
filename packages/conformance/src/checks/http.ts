import { area } from '../check.js';
import type { Reply } from '../client.js';
import { allOf, assert, expectStatus, ok } from '../expect.js';
import { newUserInput, publish, signUp, unique } from '../fixtures.js';

const JSON_UTF8 = /^application\/json;\s*charset=utf-8$/i;

function assertJsonUtf8(reply: Reply) {
  const type = reply.headers['content-type'];
  assert(
    type !== undefined && JSON_UTF8.test(type),
    `${reply.request} (${reply.status}): Content-Type is ${type ?? 'missing'}, expected application/json; charset=utf-8`,
  );
}

/** Spec: api-response-format.md "Content-Type: application/json; charset=utf-8". */
export const httpChecks = area('http', {
  'when a JSON reply is sent, then its Content-Type is application/json; charset=utf-8': async ({ api }) => {
    const user = await signUp(api, 'ctype');
    const article = await publish(api, user);
    await allOf([
      async () => assertJsonUtf8(await api.register(newUserInput('ctype'))),
      async () => assertJsonUtf8(await api.currentUser(user.token)),
      async () => assertJsonUtf8(await api.profile(user.username)),
      async () => assertJsonUtf8(await api.getArticle(article.slug)),
      async () => assertJsonUtf8(await api.listArticles({ limit: 1 })),
      async () => assertJsonUtf8(await api.comments(article.slug)),
      async () => assertJsonUtf8(await api.tags()),
    ]);
  },

  'when an error reply is sent, then its Content-Type is application/json; charset=utf-8': async ({
    api,
  }) => {
    await allOf([
      async () => assertJsonUtf8(await api.currentUser(undefined)),
      async () => assertJsonUtf8(await api.profile(`nobody_${unique()}`)),
      async () => assertJsonUtf8(await api.register({ username: '', email: '', password: '' })),
    ]);
  },

  'when a delete succeeds, then the reply is 204 with an empty body': async ({ api }) => {
    const user = await signUp(api, 'empty');
    const article = await publish(api, user);
    const { comment } = ok(await api.addComment(user.token, article.slug, 'bye'));
    for (const reply of [
      await api.deleteComment(user.token, article.slug, comment.id),
      await api.deleteArticle(user.token, article.slug),
    ]) {
      expectStatus(reply, 204);
      assert(reply.text === '', `${reply.request}: a 204 carries a body: ${reply.text.slice(0, 100)}`);
    }
  },
});
