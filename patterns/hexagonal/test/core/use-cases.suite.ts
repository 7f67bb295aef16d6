import { ValidationFailed } from '@journey/conduit-rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conduit } from '../../src/application/ports/driving/use-cases.port.js';
import type { Core } from '../../src/bootstrap.js';
import { Forbidden, NotFound, Unauthorized } from '../../src/domain/errors.js';
import type { CoreFactory } from '../support/core-factories.js';
import { uniqueName } from '../support/storage-adapters.js';

/** The core's behaviour through its driving port only; `open` decides which adapters sit behind it. */
export function useCaseSuite(open: CoreFactory) {
  let core: Core;
  let conduit: Conduit;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ core, dispose } = await open());
    conduit = core.conduit;
  });
  afterAll(() => dispose?.());

  const register = async (prefix = 'user') => {
    const username = uniqueName(prefix);
    const view = await conduit.registerUser({
      username,
      email: `${username}@example.com`,
      password: 'password1',
    });
    return { ...view, id: await conduit.authenticate(view.token) };
  };
  const publish = (authorId: number, title = uniqueName('Title '), tagList: string[] = []) =>
    conduit.publishArticle(authorId, { title, description: 'd', body: 'b', tagList });
  const invalid = (errors: Record<string, string[]>) => new ValidationFailed(errors);

  describe('users', () => {
    it('when someone registers, then they get a token that authenticates them and shows their account', async () => {
      const user = await register();
      expect(user).toMatchObject({ bio: null, image: null, email: `${user.username}@example.com` });
      expect((await conduit.getCurrentUser(user.id)).username).toBe(user.username);
    });

    it('when a registration is invalid, then every problem is named at once', async () => {
      await expect(
        conduit.registerUser({ username: ' ', email: 'not-an-email', password: 'short' }),
      ).rejects.toEqual(
        invalid({
          username: ["can't be blank"],
          email: ['is invalid'],
          password: ['must be 8 to 128 characters'],
        }),
      );
    });

    it('when a username or email is taken (any case), then registration is refused naming the field', async () => {
      const user = await register('Taken');
      const again = (username: string, email: string) =>
        conduit.registerUser({ username, email, password: 'password1' });
      await expect(again(user.username.toUpperCase(), 'x@example.com')).rejects.toEqual(
        invalid({ username: ['has already been taken'] }),
      );
      await expect(again(uniqueName('fresh'), user.email.toUpperCase())).rejects.toEqual(
        invalid({ email: ['has already been taken'] }),
      );
    });

    it('when someone logs in, then the right password works and a wrong one or an unknown email does not', async () => {
      const user = await register();
      expect(
        (await conduit.logIn({ email: ` ${user.email.toUpperCase()} `, password: 'password1' })).username,
      ).toBe(user.username);
      const refused = invalid({ 'email or password': ['is invalid'] });
      await expect(conduit.logIn({ email: user.email, password: 'password2' })).rejects.toEqual(refused);
      await expect(conduit.logIn({ email: 'nobody@example.com', password: 'password1' })).rejects.toEqual(
        refused,
      );
    });

    it('when a user updates their account, then empty bio clears, a new password replaces the old', async () => {
      const user = await register();
      await conduit.updateUser(user.id, { bio: 'hi', image: 'http://img' });
      const cleared = await conduit.updateUser(user.id, { bio: '', password: 'password2' });
      expect(cleared).toMatchObject({ bio: null, image: 'http://img' });
      await expect(conduit.logIn({ email: user.email, password: 'password1' })).rejects.toBeInstanceOf(
        ValidationFailed,
      );
      expect((await conduit.logIn({ email: user.email, password: 'password2' })).username).toBe(
        user.username,
      );
    });

    it("when a user takes another's username, then it is refused", async () => {
      const [a, b] = [await register(), await register()];
      await expect(conduit.updateUser(b.id, { username: a.username })).rejects.toEqual(
        invalid({ username: ['has already been taken'] }),
      );
    });

    it('when a token is not one we issued, then authenticate is Unauthorized', async () => {
      await expect(conduit.authenticate('forged')).rejects.toBeInstanceOf(Unauthorized);
    });
  });

  describe('profiles', () => {
    it('when a user follows another, then the follower sees following and everyone else does not', async () => {
      const [fan, star, stranger] = [await register(), await register(), await register()];
      expect(await conduit.followUser(fan.id, star.username)).toMatchObject({
        username: star.username,
        following: true,
      });
      expect((await conduit.getProfile(fan.id, star.username)).following).toBe(true);
      expect((await conduit.getProfile(stranger.id, star.username)).following).toBe(false);
      expect((await conduit.getProfile(null, star.username)).following).toBe(false);
      expect((await conduit.unfollowUser(fan.id, star.username)).following).toBe(false);
      expect((await conduit.getProfile(fan.id, star.username)).following).toBe(false);
    });

    it('when the profile is unknown or the user follows themself, then NotFound or invalid', async () => {
      const user = await register();
      await expect(conduit.getProfile(null, uniqueName('ghost'))).rejects.toEqual(new NotFound('profile'));
      await expect(conduit.followUser(user.id, user.username)).rejects.toBeInstanceOf(ValidationFailed);
    });
  });

  describe('articles', () => {
    it('when an article is published, then it has a slug from its title, sorted unique tags and its author', async () => {
      const author = await register();
      const title = uniqueName('Crème Brûlée ');
      const article = await publish(author.id, ` ${title} `, ['b', ' a ', 'b', '']);
      expect(article).toMatchObject({
        slug: title.toLowerCase().replace('crème brûlée ', 'creme-brulee-'),
        title,
        tagList: ['a', 'b'],
        favorited: false,
        favoritesCount: 0,
        author: { username: author.username, following: false },
      });
      expect(article.createdAt).toBe(article.updatedAt);
      expect(await conduit.getArticle(null, article.slug)).toEqual(article);
    });

    it('when two articles have the same title, then the second gets a suffixed slug', async () => {
      const author = await register();
      const title = uniqueName('Same ');
      const [first, second] = [await publish(author.id, title), await publish(author.id, title)];
      expect(second.slug).toMatch(new RegExp(`^${first.slug}-[a-z0-9]+$`));
    });

    it('when a draft lacks a field, then it is refused naming it', async () => {
      const author = await register();
      await expect(
        conduit.publishArticle(author.id, { title: '', description: 'd', body: ' ' }),
      ).rejects.toEqual(invalid({ title: ["can't be blank"], body: ["can't be blank"] }));
    });

    it('when the author retitles an article, then the slug follows, unless only punctuation changed', async () => {
      const author = await register();
      const article = await publish(author.id, uniqueName('Old '));
      const kept = await conduit.editArticle(author.id, article.slug, {
        title: `${article.title}!`,
        body: 'new',
      });
      expect(kept).toMatchObject({ slug: article.slug, body: 'new' });
      expect(kept.updatedAt > article.updatedAt).toBe(true);
      const moved = await conduit.editArticle(author.id, article.slug, { title: uniqueName('New ') });
      expect(moved.slug).not.toBe(article.slug);
      await expect(conduit.getArticle(null, article.slug)).rejects.toEqual(new NotFound('article'));
    });

    it('when someone else edits or deletes an article, then it is Forbidden and nothing changes', async () => {
      const [author, other] = [await register(), await register()];
      const article = await publish(author.id);
      await expect(conduit.editArticle(other.id, article.slug, { body: 'x' })).rejects.toBeInstanceOf(
        Forbidden,
      );
      await expect(conduit.deleteArticle(other.id, article.slug)).rejects.toBeInstanceOf(Forbidden);
      expect(await conduit.getArticle(null, article.slug)).toEqual(article);
    });

    it('when the author deletes an article, then it and its comments are gone', async () => {
      const author = await register();
      const article = await publish(author.id);
      const { id } = (await core.storage.articles.bySlug(article.slug))!;
      await conduit.addComment(author.id, article.slug, 'first');
      await conduit.deleteArticle(author.id, article.slug);
      await expect(conduit.getArticle(null, article.slug)).rejects.toEqual(new NotFound('article'));
      expect(await core.storage.comments.ofArticle(id)).toEqual([]);
    });

    it('when users favorite at once, some twice, then the count is exact and each sees favorited', async () => {
      const author = await register();
      const article = await publish(author.id);
      const fans = await Promise.all(Array.from({ length: 12 }, () => register('fan')));
      await Promise.all(
        [...fans, ...fans.slice(0, 4)].map((fan) => conduit.favoriteArticle(fan.id, article.slug)),
      );
      expect((await conduit.getArticle(fans[0]!.id, article.slug)).favoritesCount).toBe(12);
      expect((await conduit.getArticle(fans[0]!.id, article.slug)).favorited).toBe(true);
      expect((await conduit.getArticle(author.id, article.slug)).favorited).toBe(false);
      await Promise.all(
        [...fans.slice(0, 6), ...fans.slice(0, 3)].map((f) => conduit.unfavoriteArticle(f.id, article.slug)),
      );
      expect((await conduit.getArticle(null, article.slug)).favoritesCount).toBe(6);
    });

    it('when articles are listed, then filters by author, tag and favorited combine, newest first, paged', async () => {
      const [author, other, fan] = [await register(), await register(), await register()];
      const tag = uniqueName('tag');
      const a1 = await publish(author.id, undefined, [tag]);
      const a2 = await publish(author.id);
      const o1 = await publish(other.id, undefined, [tag]);
      await conduit.favoriteArticle(fan.id, a1.slug);
      const slugs = async (query: Parameters<Conduit['listArticles']>[1]) => {
        const list = await conduit.listArticles(fan.id, query);
        return { slugs: list.articles.map((a) => a.slug), count: list.articlesCount };
      };
      expect(await slugs({ author: author.username })).toEqual({ slugs: [a2.slug, a1.slug], count: 2 });
      expect(await slugs({ tag })).toEqual({ slugs: [o1.slug, a1.slug], count: 2 });
      expect(await slugs({ favorited: fan.username })).toEqual({ slugs: [a1.slug], count: 1 });
      expect(await slugs({ author: author.username, limit: '1', offset: '1' })).toEqual({
        slugs: [a1.slug],
        count: 2,
      });
      expect(await slugs({ author: uniqueName('ghost') })).toEqual({ slugs: [], count: 0 });
      const listed = await conduit.listArticles(fan.id, { favorited: fan.username });
      expect(listed.articles[0]).toMatchObject({ favorited: true, favoritesCount: 1 });
      expect(listed.articles[0]).not.toHaveProperty('body');
      await expect(conduit.listArticles(null, { limit: 'ten' })).rejects.toBeInstanceOf(ValidationFailed);
    });

    it("when a user reads their feed, then it holds the followed authors' articles only, newest first", async () => {
      const [reader, followed, ignored] = [await register(), await register(), await register()];
      expect(await conduit.listFeed(reader.id, {})).toEqual({ articles: [], articlesCount: 0 });
      await conduit.followUser(reader.id, followed.username);
      const first = await publish(followed.id);
      await publish(ignored.id);
      const second = await publish(followed.id);
      const feed = await conduit.listFeed(reader.id, {});
      expect(feed.articles.map((a) => a.slug)).toEqual([second.slug, first.slug]);
      expect(feed.articles[0]!.author.following).toBe(true);
    });

    it('when tags are listed, then the most used come first', async () => {
      const author = await register();
      const [common, rare] = [uniqueName('common'), uniqueName('rare')];
      await publish(author.id, undefined, [common, rare]);
      await publish(author.id, undefined, [common]);
      const tags = await conduit.listTags();
      expect(tags.indexOf(common)).toBeLessThan(tags.indexOf(rare));
    });
  });

  describe('comments', () => {
    it('when users comment, then the article lists the comments oldest first with their authors', async () => {
      const [author, fan] = [await register(), await register()];
      const article = await publish(author.id);
      await conduit.followUser(fan.id, author.username);
      const first = await conduit.addComment(author.id, article.slug, 'first');
      const second = await conduit.addComment(fan.id, article.slug, 'second');
      const seen = await conduit.listComments(fan.id, article.slug);
      expect(seen.map((c) => [c.body, c.author.username, c.author.following])).toEqual([
        ['first', author.username, true],
        ['second', fan.username, false],
      ]);
      expect(seen.map((c) => c.id)).toEqual([first.id, second.id]);
    });

    it('when a comment is deleted by someone else, under another article or by a bad id, then it is refused', async () => {
      const [author, other] = [await register(), await register()];
      const [article, elsewhere] = [await publish(author.id), await publish(author.id)];
      const comment = await conduit.addComment(author.id, article.slug, 'mine');
      await expect(conduit.deleteComment(other.id, article.slug, String(comment.id))).rejects.toBeInstanceOf(
        Forbidden,
      );
      await expect(conduit.deleteComment(author.id, elsewhere.slug, String(comment.id))).rejects.toEqual(
        new NotFound('comment'),
      );
      await expect(conduit.deleteComment(author.id, article.slug, '1e3')).rejects.toEqual(
        new NotFound('comment'),
      );
      await conduit.deleteComment(author.id, article.slug, String(comment.id));
      expect(await conduit.listComments(null, article.slug)).toEqual([]);
    });

    it('when a comment is blank or its article unknown, then it is refused', async () => {
      const author = await register();
      const article = await publish(author.id);
      await expect(conduit.addComment(author.id, article.slug, '  ')).rejects.toBeInstanceOf(
        ValidationFailed,
      );
      await expect(conduit.addComment(author.id, uniqueName('no-such-'), 'hi')).rejects.toEqual(
        new NotFound('article'),
      );
    });
  });
}
