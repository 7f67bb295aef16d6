import { area } from '../check.js';
import { assertEqual, ok } from '../expect.js';
import { publish, signUp } from '../fixtures.js';
import { listUntil } from './lists.js';

/** Spec: endpoints.md "Favorite Article", "Unfavorite Article", List Articles `?favorited=`. */
export const favoriteChecks = area('favorites', {
  'when an article is favorited, then favorited is true and favoritesCount is 1': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'liked');
    const fan = await signUp(api, 'fan');
    const created = await publish(api, author);
    const { article } = ok(await api.favorite(fan.token, created.slug));
    assertEqual(article.slug, created.slug, 'article.slug');
    assertEqual(article.favorited, true, 'article.favorited');
    assertEqual(article.favoritesCount, 1, 'article.favoritesCount');
    await eventually(async () => {
      const stored = ok(await api.getArticle(created.slug, fan.token)).article;
      assertEqual(stored.favorited, true, 'favorited on GET for the fan');
      assertEqual(stored.favoritesCount, 1, 'favoritesCount on GET');
    });
  },

  'when an article is favorited twice, then favoritesCount stays 1': async ({ api }) => {
    const author = await signUp(api, 'likedtwice');
    const fan = await signUp(api, 'eager');
    const created = await publish(api, author);
    ok(await api.favorite(fan.token, created.slug));
    const { article } = ok(await api.favorite(fan.token, created.slug));
    assertEqual(article.favorited, true, 'article.favorited');
    assertEqual(article.favoritesCount, 1, 'article.favoritesCount after favoriting twice');
  },

  'when an article is unfavorited, then favorited is false and favoritesCount drops back': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'unliked');
    const fan = await signUp(api, 'fickle');
    const created = await publish(api, author);
    ok(await api.favorite(fan.token, created.slug));
    const { article } = ok(await api.unfavorite(fan.token, created.slug));
    assertEqual(article.favorited, false, 'article.favorited');
    assertEqual(article.favoritesCount, 0, 'article.favoritesCount');
    await eventually(async () => {
      const stored = ok(await api.getArticle(created.slug, fan.token)).article;
      assertEqual(stored.favorited, false, 'favorited on GET');
      assertEqual(stored.favoritesCount, 0, 'favoritesCount on GET');
    });
  },

  'when two users favorite an article, then favoritesCount is 2 and favorited is per reader': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'popular');
    const [one, two] = [await signUp(api, 'fanone'), await signUp(api, 'fantwo')];
    const created = await publish(api, author);
    ok(await api.favorite(one.token, created.slug));
    assertEqual(ok(await api.favorite(two.token, created.slug)).article.favoritesCount, 2, 'favoritesCount');
    await eventually(async () => {
      const seenByAuthor = ok(await api.getArticle(created.slug, author.token)).article;
      assertEqual(seenByAuthor.favoritesCount, 2, 'favoritesCount seen by the author');
      assertEqual(seenByAuthor.favorited, false, 'favorited for the author, who did not favorite it');
    });
  },

  'when listing by favorited=username, then only the articles that user favorited are returned': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'curated');
    const fan = await signUp(api, 'curator');
    const liked = await publish(api, author);
    await publish(api, author);
    ok(await api.favorite(fan.token, liked.slug));
    const list = await listUntil(api, eventually, { favorited: fan.username }, 1);
    assertEqual(list.articles[0]?.slug, liked.slug, 'the favorited article');
    assertEqual(list.articles[0]?.favoritesCount, 1, 'its favoritesCount');
  },
});
