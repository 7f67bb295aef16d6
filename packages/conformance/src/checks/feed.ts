import { area } from '../check.js';
import { assertEqual, fails, ok } from '../expect.js';
import { publish, signUp, uniqueTag } from '../fixtures.js';
import { assertNoBody, listUntil } from './lists.js';

/** Spec: endpoints.md "Feed Articles": articles by followed users, most recent first, auth required. */
export const feedChecks = area('feed', {
  'when a new user reads their feed, then it is empty': async ({ api }) => {
    const reader = await signUp(api, 'lonely');
    const feed = ok(await api.feed(reader.token));
    assertEqual(feed.articles.length, 0, 'articles in a new feed');
    assertEqual(feed.articlesCount, 0, 'articlesCount of a new feed');
  },

  "when a reader follows an author, then the feed holds only followed authors' articles, newest first":
    async ({ api, eventually }) => {
      const reader = await signUp(api, 'feeder');
      const followed = await signUp(api, 'feedauthor');
      const ignored = await signUp(api, 'feedignored');
      const tag = uniqueTag('feed');
      // The ignored author's article goes first and is seen in the global list, so a feed that
      // leaks it cannot pass just because it has not arrived yet.
      await publish(api, ignored, { tagList: [tag] });
      ok(await api.follow(reader.token, followed.username));
      const older = await publish(api, followed, { tagList: [tag] });
      const newer = await publish(api, followed, { tagList: [tag] });
      await listUntil(api, eventually, { tag }, 3);
      const feed = await eventually(async () => {
        const page = ok(await api.feed(reader.token));
        assertEqual(page.articlesCount, 2, 'feed articlesCount');
        return page;
      });
      assertEqual(
        feed.articles.map((a) => a.slug).join(),
        [newer.slug, older.slug].join(),
        'feed slugs, newest first',
      );
      for (const article of feed.articles) {
        assertEqual(article.author.username, followed.username, 'feed article author');
        assertEqual(article.author.following, true, 'feed article author.following');
      }
      assertNoBody(feed.articles, 'GET /api/articles/feed');
    },

  "when the reader unfollows the author, then the author's articles leave the feed": async ({
    api,
    eventually,
  }) => {
    const reader = await signUp(api, 'leaver');
    const author = await signUp(api, 'left');
    ok(await api.follow(reader.token, author.username));
    await publish(api, author);
    await eventually(async () =>
      assertEqual(ok(await api.feed(reader.token)).articlesCount, 1, 'feed count'),
    );
    ok(await api.unfollow(reader.token, author.username));
    await eventually(async () =>
      assertEqual(ok(await api.feed(reader.token)).articlesCount, 0, 'feed count'),
    );
  },

  'when the feed is paged, then limit and offset apply and articlesCount is the total': async ({
    api,
    eventually,
  }) => {
    const reader = await signUp(api, 'feedpager');
    const author = await signUp(api, 'feedpaged');
    ok(await api.follow(reader.token, author.username));
    const slugs: string[] = [];
    for (let i = 0; i < 3; i++) slugs.push((await publish(api, author)).slug);
    await eventually(async () =>
      assertEqual(ok(await api.feed(reader.token)).articlesCount, 3, 'feed count'),
    );
    const page = ok(await api.feed(reader.token, { limit: 1, offset: 1 }));
    assertEqual(page.articles.length, 1, 'articles with limit=1&offset=1');
    assertEqual(page.articlesCount, 3, 'articlesCount with limit=1 (the total, not the page size)');
    assertEqual(page.articles[0]?.slug, slugs[1], 'the second newest article');
  },

  'when the feed is requested without a token, then it answers 401': async ({ api }) => {
    fails(await api.feed(undefined), 401);
  },
});
