import type { ArticleSummary } from '@journey/contract';
import { area } from '../check.js';
import type { ConduitClient } from '../client.js';
import { assert, assertEqual, fail, ok } from '../expect.js';
import { publish, signUp, type TestUser, uniqueTag } from '../fixtures.js';

type Query = Record<string, string | number | undefined>;

/** Lists with `query` until it holds exactly `expected` articles in total (writes may still be landing). */
export async function listUntil(
  api: ConduitClient,
  eventually: <T>(attempt: () => Promise<T>) => Promise<T>,
  query: Query,
  expected: number,
  token?: string,
) {
  return eventually(async () => {
    const list = ok(await api.listArticles(query, token));
    assertEqual(list.articlesCount, expected, `articlesCount for ${JSON.stringify(query)}`);
    return list;
  });
}

/** The spec change of 2024-08-16: list endpoints leave out `body` (api-response-format.md). */
export function assertNoBody(articles: readonly ArticleSummary[], where: string): void {
  const withBody = articles.filter((article) => 'body' in article);
  if (withBody.length > 0) {
    fail(
      `${where}: ${withBody.length} of ${articles.length} articles include "body" (dropped from lists in 2024)`,
    );
  }
}

async function publishMany(api: ConduitClient, author: TestUser, count: number, tagList: string[]) {
  const slugs: string[] = [];
  for (let i = 0; i < count; i++) slugs.push((await publish(api, author, { tagList })).slug);
  return slugs;
}

/** Spec: endpoints.md "List Articles" (filters, limit/offset, most recent first). */
export const listChecks = area('article lists', {
  'when articles are listed, then each item matches the summary and has no body': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'lister');
    const tag = uniqueTag('nobody');
    await publish(api, author, { tagList: [tag] });
    const tagged = await listUntil(api, eventually, { tag }, 1);
    assertNoBody(tagged.articles, 'GET /api/articles?tag');
    const all = ok(await api.listArticles());
    assert(all.articles.length > 0, 'GET /api/articles is empty right after an article was created');
    assertNoBody(all.articles, 'GET /api/articles');
  },

  'when listing by tag, then only articles with that tag are returned': async ({ api, eventually }) => {
    const author = await signUp(api, 'tagger');
    const tag = uniqueTag('only');
    const slugs = await publishMany(api, author, 2, [tag, uniqueTag('other')]);
    await publish(api, author, { tagList: [uniqueTag('elsewhere')] });
    const list = await listUntil(api, eventually, { tag }, 2);
    assertEqual(
      list.articles
        .map((a) => a.slug)
        .sort()
        .join(),
      [...slugs].sort().join(),
      'slugs for the tag',
    );
    for (const article of list.articles)
      assert(article.tagList.includes(tag), `${article.slug} lacks tag ${tag}`);
  },

  "when listing by author, then only that author's articles are returned": async ({ api, eventually }) => {
    const author = await signUp(api, 'author');
    const other = await signUp(api, 'otherauthor');
    await publishMany(api, author, 2, []);
    await publish(api, other);
    const list = await listUntil(api, eventually, { author: author.username }, 2);
    assertEqual(list.articles.length, 2, 'articles on the page');
    for (const article of list.articles) assertEqual(article.author.username, author.username, 'author');
  },

  'when tag and author are combined, then both filters apply': async ({ api, eventually }) => {
    const author = await signUp(api, 'combo');
    const other = await signUp(api, 'combother');
    const tag = uniqueTag('combo');
    const [mine] = await publishMany(api, author, 1, [tag]);
    await publish(api, other, { tagList: [tag] });
    await publish(api, author);
    await listUntil(api, eventually, { tag }, 2);
    const list = await listUntil(api, eventually, { tag, author: author.username }, 1);
    assertEqual(list.articles[0]?.slug, mine, 'the one article with both');
  },

  'when limit and offset are given, then they page through the list and articlesCount is the total': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'pager');
    const tag = uniqueTag('page');
    const slugs = await publishMany(api, author, 3, [tag]);
    await listUntil(api, eventually, { tag }, 3);
    const first = ok(await api.listArticles({ tag, limit: 2, offset: 0 }));
    const second = ok(await api.listArticles({ tag, limit: 2, offset: 2 }));
    assertEqual(first.articles.length, 2, 'articles on page 1 (limit=2)');
    assertEqual(first.articlesCount, 3, 'articlesCount on page 1 (the total, not the page size)');
    assertEqual(second.articles.length, 1, 'articles on page 2 (limit=2&offset=2)');
    assertEqual(second.articlesCount, 3, 'articlesCount on page 2');
    const seen = [...first.articles, ...second.articles].map((a) => a.slug);
    assertEqual(new Set(seen).size, 3, 'distinct articles over both pages');
    assertEqual([...seen].sort().join(), [...slugs].sort().join(), 'articles over both pages');
  },

  'when no limit is given, then 20 articles come back and articlesCount is the total': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'many');
    const tag = uniqueTag('many');
    await publishMany(api, author, 21, [tag]);
    const list = await listUntil(api, eventually, { tag }, 21);
    assertEqual(list.articles.length, 20, 'articles on the default page');
  },

  'when articles are listed, then the newest comes first': async ({ api, eventually }) => {
    const author = await signUp(api, 'order');
    const tag = uniqueTag('order');
    const slugs = await publishMany(api, author, 3, [tag]);
    const list = await listUntil(api, eventually, { tag }, 3);
    assertEqual(list.articles.map((a) => a.slug).join(), [...slugs].reverse().join(), 'order (newest first)');
    const times = list.articles.map((a) => Date.parse(a.createdAt));
    assert(
      times.every((time, i) => i === 0 || time <= times[i - 1]!),
      'createdAt is not descending',
    );
  },

  'when an unknown tag, author or favoriter is asked for, then the list is empty with articlesCount 0':
    async ({ api }) => {
      const nobody = `nobody_${uniqueTag('x')}`;
      for (const query of [{ tag: uniqueTag('none') }, { author: nobody }, { favorited: nobody }]) {
        const list = ok(await api.listArticles(query));
        assertEqual(list.articles.length, 0, `articles for ${JSON.stringify(query)}`);
        assertEqual(list.articlesCount, 0, `articlesCount for ${JSON.stringify(query)}`);
      }
    },

  'when articles are listed with a token, then favorited and following are those of the reader': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'seen');
    const reader = await signUp(api, 'seer');
    const tag = uniqueTag('seen');
    const article = await publish(api, author, { tagList: [tag] });
    ok(await api.follow(reader.token, author.username));
    ok(await api.favorite(reader.token, article.slug));
    await eventually(async () => {
      const [item] = ok(await api.listArticles({ tag }, reader.token)).articles;
      assertEqual(item?.favorited, true, 'favorited for the reader');
      assertEqual(item?.favoritesCount, 1, 'favoritesCount');
      assertEqual(item?.author.following, true, 'author.following for the reader');
    });
    const [anonymous] = ok(await api.listArticles({ tag })).articles;
    assertEqual(anonymous?.favorited, false, 'favorited without a token');
    assertEqual(anonymous?.author.following, false, 'author.following without a token');
  },
});
