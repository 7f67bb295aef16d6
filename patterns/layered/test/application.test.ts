import { ValidationFailed } from '@journey/conduit-rules';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type Application,
  createApplication,
  Forbidden,
  NotFound,
  Unauthorized,
} from '../src/application/index.js';
import { inMemoryData } from './in-memory-data.js';

/**
 * The application layer's use cases on fake repositories: no server, no database, no scrypt, no JWT.
 * pattern: in a layered design the service is tested from just below HTTP, with the layer under it faked.
 */
let data: ReturnType<typeof inMemoryData>;
let app: Application;
let tick = 0;

beforeEach(() => {
  data = inMemoryData();
  tick = 0;
  app = createApplication({
    data,
    // Reversible fakes: the hash shows the password it came from, the token names the user.
    passwords: { hash: async (p) => `hashed:${p}`, verify: async (p, stored) => stored === `hashed:${p}` },
    tokens: {
      issue: async (id) => `token-${id}`,
      verify: async (token) => (/^token-\d+$/.test(token) ? Number(token.slice(6)) : null),
    },
    clock: () => new Date(Date.UTC(2024, 0, 1, 0, 0, tick++)).toISOString(),
  });
});

const register = (username: string) =>
  app.users.register({ username, email: `${username}@example.com`, password: 'password1' });
const publish = (authorId: number, title = 'How to train your dragon', tagList = ['dragons']) =>
  app.articles.create(authorId, { title, description: 'Ever wonder how?', body: 'Very carefully.', tagList });

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the use case to fail');
};

describe('users', () => {
  it('when someone registers, then the email is normalised, the password hashed and a token issued', async () => {
    const { user, token } = await app.users.register({
      username: 'jake',
      email: 'Jake@Example.COM',
      password: 'password1',
    });
    expect(user.email).toBe('jake@example.com');
    expect(user.passwordHash).toBe('hashed:password1');
    expect(token).toBe(`token-${user.id}`);
  });

  it('when the username is taken (in any case), then it is a 422 on username', async () => {
    await register('jake');
    const error = await failure(
      app.users.register({ username: 'JAKE', email: 'other@x.io', password: 'password1' }),
    );
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).errors).toEqual({ username: ['has already been taken'] });
  });

  it('when every field is wrong, then every problem is reported at once and nothing is stored', async () => {
    const error = await failure(app.users.register({ username: '', email: 'nope', password: 'short' }));
    expect(Object.keys((error as ValidationFailed).errors).sort()).toEqual(['email', 'password', 'username']);
    expect(data.state.users).toEqual([]);
  });

  it('when the password is wrong, then login fails without saying whether the email exists', async () => {
    await register('jake');
    const wrong = await failure(app.users.login({ email: 'jake@example.com', password: 'wrong-one' }));
    const unknown = await failure(app.users.login({ email: 'nobody@example.com', password: 'password1' }));
    expect((wrong as ValidationFailed).errors).toEqual((unknown as ValidationFailed).errors);
  });

  it('when bio is set to an empty string, then it is cleared; a new password is hashed', async () => {
    const { user } = await register('jake');
    await app.users.update(user.id, { bio: 'I work at statefarm' });
    const updated = await app.users.update(user.id, { bio: '', password: 'new-password' });
    expect(updated.user.bio).toBeNull();
    expect(updated.user.passwordHash).toBe('hashed:new-password');
  });

  it('when the token belongs to a user that is gone, then it is 401', async () => {
    expect(await failure(app.users.current(99))).toBeInstanceOf(Unauthorized);
    expect(await failure(app.auth.viewerOf('forged'))).toBeInstanceOf(Unauthorized);
  });
});

describe('profiles', () => {
  it('when a user follows someone twice, then there is one follow and the profile says following', async () => {
    const { user: jake } = await register('jake');
    await register('celeb');
    await app.profiles.follow(jake.id, 'celeb');
    const profile = await app.profiles.follow(jake.id, 'celeb');
    expect(profile).toMatchObject({ username: 'celeb', following: true });
    expect(data.state.follows).toHaveLength(1);
  });

  it('when a user follows themself, then the domain rule refuses with its message', async () => {
    const { user: jake } = await register('jake');
    const error = await failure(app.profiles.follow(jake.id, 'jake'));
    expect((error as ValidationFailed).errors).toEqual({ username: ['you cannot follow yourself'] });
  });

  it('when the profile does not exist, then it is NotFound', async () => {
    expect(await failure(app.profiles.get(null, 'ghost'))).toBeInstanceOf(NotFound);
  });
});

describe('articles', () => {
  it('when two articles share a title, then the second gets a suffixed slug', async () => {
    const { user } = await register('jake');
    const first = await publish(user.id);
    const second = await publish(user.id);
    expect(first.article.slug).toBe('how-to-train-your-dragon');
    expect(second.article.slug).toMatch(/^how-to-train-your-dragon-[0-9a-f]{8}$/);
  });

  it('when an article is published, then its tags are normalised and the insert ran in one transaction', async () => {
    const { user } = await register('jake');
    const { article } = await publish(user.id, 'Tags', [' z ', 'a', 'z', '']);
    expect(article.tagList).toEqual(['a', 'z']);
    expect(data.state.transactions).toBe(1);
  });

  it('when someone else edits or deletes the article, then it is Forbidden and nothing changes', async () => {
    const { user: author } = await register('jake');
    const { user: other } = await register('mallory');
    const { article } = await publish(author.id);
    expect(await failure(app.articles.update(other.id, article.slug, { title: 'Mine now' }))).toBeInstanceOf(
      Forbidden,
    );
    expect(await failure(app.articles.remove(other.id, article.slug))).toBeInstanceOf(Forbidden);
    expect(data.state.articles[0]?.title).toBe('How to train your dragon');
  });

  it('when the title changes its words, then the slug follows; a changed comma keeps it', async () => {
    const { user } = await register('jake');
    const { article } = await publish(user.id, 'Hello, world');
    const punctuated = await app.articles.update(user.id, article.slug, { title: 'Hello world!' });
    expect(punctuated.article.slug).toBe('hello-world');
    const renamed = await app.articles.update(user.id, 'hello-world', { title: 'Goodbye world' });
    expect(renamed.article.slug).toBe('goodbye-world');
    expect(renamed.article.updatedAt > renamed.article.createdAt).toBe(true);
  });

  it('when a user favorites twice and unfavorites once, then the count is exact', async () => {
    const { user } = await register('jake');
    const { article } = await publish(user.id);
    await app.articles.favorite(user.id, article.slug);
    const twice = await app.articles.favorite(user.id, article.slug);
    expect(twice).toMatchObject({ favorited: true, article: { favoritesCount: 1 } });
    const undone = await app.articles.unfavorite(user.id, article.slug);
    expect(undone).toMatchObject({ favorited: false, article: { favoritesCount: 0 } });
  });

  it('when a user follows an author, then the feed shows only that author, newest first', async () => {
    const { user: reader } = await register('reader');
    const { user: followed } = await register('followed');
    const { user: stranger } = await register('stranger');
    await publish(followed.id, 'First');
    await publish(stranger.id, 'Unseen');
    await publish(followed.id, 'Second');
    await app.profiles.follow(reader.id, 'followed');
    const feed = await app.articles.feed(reader.id, { limit: 20, offset: 0 });
    expect(feed.total).toBe(2);
    expect(feed.articles.map((a) => a.article.title)).toEqual(['Second', 'First']);
    expect(feed.articles[0]?.author.following).toBe(true);
  });

  it('when the list is filtered by an unknown author, then it is empty, not an error', async () => {
    const page = await app.articles.list(null, { author: 'ghost' }, { limit: 20, offset: 0 });
    expect(page).toEqual({ articles: [], total: 0 });
  });
});

describe('comments', () => {
  it('when an article is deleted, then its comments go with it', async () => {
    const { user } = await register('jake');
    const { article } = await publish(user.id);
    await app.comments.add(user.id, article.slug, { body: 'First!' });
    await app.articles.remove(user.id, article.slug);
    expect(data.state.comments).toEqual([]);
  });

  it('when someone other than its author deletes a comment, then it is Forbidden', async () => {
    const { user: author } = await register('jake');
    const { user: other } = await register('mallory');
    const { article } = await publish(author.id);
    const { comment } = await app.comments.add(author.id, article.slug, { body: 'Mine' });
    expect(await failure(app.comments.remove(other.id, article.slug, String(comment.id)))).toBeInstanceOf(
      Forbidden,
    );
    await app.comments.remove(author.id, article.slug, String(comment.id));
    expect(data.state.comments).toEqual([]);
  });

  it('when the comment id is not a number or belongs to another article, then it is NotFound', async () => {
    const { user } = await register('jake');
    const { article: one } = await publish(user.id, 'One');
    const { article: two } = await publish(user.id, 'Two');
    const { comment } = await app.comments.add(user.id, one.slug, { body: 'On one' });
    expect(await failure(app.comments.remove(user.id, two.slug, String(comment.id)))).toBeInstanceOf(
      NotFound,
    );
    expect(await failure(app.comments.remove(user.id, one.slug, '1e3'))).toBeInstanceOf(NotFound);
    expect(await failure(app.comments.remove(user.id, one.slug, '99999999999'))).toBeInstanceOf(NotFound);
  });
});
