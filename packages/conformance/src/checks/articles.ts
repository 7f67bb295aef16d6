import { area } from '../check.js';
import { allOf, assert, assertEqual, fails, ok } from '../expect.js';
import { newArticleInput, publish, signUp, uniqueTag } from '../fixtures.js';
import { isIsoWithMillis, preview } from '../schema.js';

const sorted = (values: readonly string[]) => [...values].sort().join(',');

/** Spec: endpoints.md "Get Article", "Create Article", "Update Article", "Delete Article". */
export const articleChecks = area('articles', {
  'when an article is created, then 201 returns it with its body, tags and author': async ({ api }) => {
    const author = await signUp(api, 'writer');
    const input = newArticleInput('created', [uniqueTag('dragons'), uniqueTag('training')]);
    const { article } = ok(await api.createArticle(author.token, input));
    assertEqual(article.title, input.title, 'article.title');
    assertEqual(article.description, input.description, 'article.description');
    assertEqual(article.body, input.body, 'article.body');
    assertEqual(sorted(article.tagList), sorted(input.tagList ?? []), 'article.tagList');
    assertEqual(article.favorited, false, 'article.favorited');
    assertEqual(article.favoritesCount, 0, 'article.favoritesCount');
    assertEqual(article.author.username, author.username, 'article.author.username');
    assertEqual(article.author.following, false, 'article.author.following');
    assert(article.slug.length > 0, 'article.slug is empty');
  },

  'when an article is created, then createdAt and updatedAt are ISO 8601 with milliseconds': async ({
    api,
  }) => {
    const article = await publish(api, await signUp(api, 'clock'));
    for (const field of ['createdAt', 'updatedAt'] as const) {
      assert(
        isIsoWithMillis(article[field]),
        `article.${field} is ${preview(article[field])}, expected like 2016-02-18T03:22:56.637Z`,
      );
    }
  },

  'when an article is created without tagList, then its tagList is empty': async ({ api }) => {
    const article = await publish(api, await signUp(api, 'notags'));
    assertEqual(article.tagList.length, 0, 'article.tagList length');
  },

  'when an article is fetched by slug without a token, then it is returned with its body': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'reader');
    const created = await publish(api, author, { tagList: [uniqueTag('read')] });
    const { article } = await eventually(async () => ok(await api.getArticle(created.slug)));
    assertEqual(article.slug, created.slug, 'article.slug');
    assertEqual(article.title, created.title, 'article.title');
    assertEqual(article.body, created.body, 'article.body');
    assertEqual(sorted(article.tagList), sorted(created.tagList), 'article.tagList');
    assertEqual(article.author.username, author.username, 'article.author.username');
    assertEqual(article.createdAt, created.createdAt, 'article.createdAt');
  },

  "when an article is fetched with a token, then favorited and following are the reader's": async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'followee');
    const reader = await signUp(api, 'fanreader');
    const created = await publish(api, author);
    ok(await api.follow(reader.token, author.username));
    ok(await api.favorite(reader.token, created.slug));
    await eventually(async () => {
      const { article } = ok(await api.getArticle(created.slug, reader.token));
      assertEqual(article.favorited, true, 'favorited for the reader');
      assertEqual(article.author.following, true, 'author.following for the reader');
    });
    const { article } = ok(await api.getArticle(created.slug));
    assertEqual(article.favorited, false, 'favorited without a token');
    assertEqual(article.author.following, false, 'author.following without a token');
  },

  'when the title changes, then the slug changes and the old slug is 404': async ({ api, eventually }) => {
    const author = await signUp(api, 'retitle');
    const created = await publish(api, author);
    const title = newArticleInput('retitled').title;
    const { article } = ok(await api.updateArticle(author.token, created.slug, { title }));
    assertEqual(article.title, title, 'article.title');
    assert(article.slug !== created.slug, `the slug stayed ${created.slug} after the title changed`);
    assertEqual(article.body, created.body, 'article.body');
    await eventually(async () => {
      assertEqual(ok(await api.getArticle(article.slug)).article.title, title, 'title under the new slug');
      fails(await api.getArticle(created.slug), 404);
    });
  },

  'when the description and body change, then the change is stored and the slug stays': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'editor');
    const created = await publish(api, author);
    const change = { description: 'A new description', body: 'A new body.' };
    const { article } = ok(await api.updateArticle(author.token, created.slug, change));
    assertEqual(article.slug, created.slug, 'article.slug');
    assertEqual(article.description, change.description, 'article.description');
    assertEqual(article.body, change.body, 'article.body');
    assertEqual(article.title, created.title, 'article.title');
    assert(
      Date.parse(article.updatedAt) >= Date.parse(created.updatedAt),
      `updatedAt went back from ${created.updatedAt} to ${article.updatedAt}`,
    );
    await eventually(async () => {
      assertEqual(ok(await api.getArticle(created.slug)).article.body, change.body, 'stored body');
    });
  },

  'when two articles have the same title, then their slugs differ': async ({ api }) => {
    const author = await signUp(api, 'twin');
    const title = newArticleInput('twin').title;
    const first = await publish(api, author, { title });
    const second = await publish(api, author, { title });
    assert(first.slug !== second.slug, `both articles got the slug ${first.slug}`);
  },

  'when the author deletes an article, then 204 and the article is gone': async ({ api, eventually }) => {
    const author = await signUp(api, 'deleter');
    const article = await publish(api, author, { tagList: [uniqueTag('gone')] });
    ok(await api.deleteArticle(author.token, article.slug));
    await eventually(async () => {
      fails(await api.getArticle(article.slug), 404);
      fails(await api.comments(article.slug), 404);
      const list = ok(await api.listArticles({ author: author.username }));
      assertEqual(list.articlesCount, 0, 'articlesCount for the author after the delete');
    });
    fails(await api.deleteArticle(author.token, article.slug), 404);
  },

  'when an unknown slug is used, then every article endpoint answers 404': async ({ api }) => {
    const user = await signUp(api, 'lost');
    const slug = `no-such-article-${uniqueTag('x')}`;
    await allOf([
      async () => fails(await api.getArticle(slug), 404),
      async () => fails(await api.updateArticle(user.token, slug, { body: 'x' }), 404),
      async () => fails(await api.deleteArticle(user.token, slug), 404),
      async () => fails(await api.favorite(user.token, slug), 404),
      async () => fails(await api.unfavorite(user.token, slug), 404),
      async () => fails(await api.comments(slug), 404),
      async () => fails(await api.addComment(user.token, slug, 'x'), 404),
    ]);
  },
});
