import { area } from '../check.js';
import { allOf, assertEqual, fails, failsOnField, ok } from '../expect.js';
import { newUserInput, publish, signUp } from '../fixtures.js';

/**
 * Spec: error-handling.md: 422 with `{"errors":{field:[…]}}` for failed validations, 403 when the
 * user may not do it. Unauthenticated (401) and unknown (404) cases sit with their endpoints.
 */
export const errorChecks = area('errors', {
  'when someone else updates an article, then it answers 403 and the article is unchanged': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'owner');
    const intruder = await signUp(api, 'intruder');
    const article = await publish(api, author);
    fails(await api.updateArticle(intruder.token, article.slug, { body: 'Defaced.' }), 403);
    const stored = await eventually(async () => ok(await api.getArticle(article.slug)).article);
    assertEqual(stored.body, article.body, 'body after the refused update');
  },

  'when someone else deletes an article, then it answers 403 and the article stays': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'keeper');
    const intruder = await signUp(api, 'vandal');
    const article = await publish(api, author);
    fails(await api.deleteArticle(intruder.token, article.slug), 403);
    await eventually(async () => ok(await api.getArticle(article.slug)));
  },

  'when someone else deletes a comment, then it answers 403 and the comment stays': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'speaker');
    const intruder = await signUp(api, 'censor');
    const article = await publish(api, author);
    const { comment } = ok(await api.addComment(author.token, article.slug, 'Mine.'));
    fails(await api.deleteComment(intruder.token, article.slug, comment.id), 403);
    await eventually(async () => {
      const ids = ok(await api.comments(article.slug)).comments.map((c) => c.id);
      assertEqual(ids.includes(comment.id), true, `comment ${comment.id} still listed`);
    });
  },

  'when a required field is missing, then it answers 422 naming that field': async ({ api }) => {
    const user = await signUp(api, 'partial');
    const article = await publish(api, user);
    const { username, email, password } = newUserInput('partial');
    await allOf([
      async () => failsOnField(await api.register({ email, password }), 'username'),
      async () => failsOnField(await api.register({ username, password }), 'email'),
      async () => failsOnField(await api.register({ username, email }), 'password'),
      async () => failsOnField(await api.call('Login', { body: { user: { password } } }), 'email'),
      async () => failsOnField(await api.call('Login', { body: { user: { email } } }), 'password'),
      async () => failsOnField(await api.createArticle(user.token, { description: 'd', body: 'b' }), 'title'),
      async () => failsOnField(await api.createArticle(user.token, { title: 't', body: 'b' }), 'description'),
      async () => failsOnField(await api.createArticle(user.token, { title: 't', description: 'd' }), 'body'),
      async () =>
        failsOnField(
          await api.call('CreateArticleComment', {
            token: user.token,
            params: { slug: article.slug },
            body: { comment: {} },
          }),
          'body',
        ),
    ]);
  },

  'when a required article field is blank, then it answers 422 naming that field': async ({ api }) => {
    const user = await signUp(api, 'blanker');
    const fields = { title: 'A title', description: 'A description', body: 'A body' };
    await allOf(
      (['title', 'description', 'body'] as const).map((field) => async () => {
        failsOnField(await api.createArticle(user.token, { ...fields, [field]: '' }), field);
      }),
    );
  },

  'when the request has no wrapper object, then it answers 422': async ({ api }) => {
    const user = await signUp(api, 'unwrapped');
    await allOf([
      async () => fails(await api.call('CreateUser', { body: newUserInput('unwrapped') }), 422),
      async () =>
        fails(
          await api.call('CreateArticle', {
            token: user.token,
            body: { title: 't', description: 'd', body: 'b' },
          }),
          422,
        ),
    ]);
  },
});
