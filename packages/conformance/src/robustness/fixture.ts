import { type Account, type Conduit, enc, type JsonReply, unique } from './conduit.js';
import { settle } from './settle.js';

/**
 * Data the fuzzer must not be able to change: an owner with an article (with tags), a comment and a
 * favorite on it by a friend, and the friend following the owner.
 */
export interface Fixture {
  owner: Account;
  friend: Account;
  slug: string;
  commentId: number;
}

/** Named reads of everything the fixture consists of, as seen over the API. */
export type Snapshot = Record<string, { status: number; body: JsonReply['body'] }>;

export async function createFixture(api: Conduit): Promise<Fixture> {
  const [owner, friend] = await Promise.all([api.register('robustowner'), api.register('robustfriend')]);
  const slug = await api.createArticle(owner.token, {
    title: `Robustness fixture ${unique()}`,
    description: 'Must survive the fuzzer',
    body: 'Café, 日本語, emoji 🐉 and an apostrophe: it’s fine.',
    tagList: ['robustness', `fixture-${unique()}`],
  });
  const comment = await api.expect([200, 201], 'POST', `/articles/${enc(slug)}/comments`, {
    token: friend.token,
    json: { comment: { body: 'A comment that must stay' } },
  });
  await api.expect(200, 'POST', `/articles/${enc(slug)}/favorite`, { token: friend.token });
  await api.expect(200, 'POST', `/profiles/${enc(owner.username)}/follow`, { token: friend.token });
  return { owner, friend, slug, commentId: comment.body.comment.id };
}

export async function takeSnapshot(api: Conduit, f: Fixture): Promise<Snapshot> {
  const read = async (path: string, token?: string): Promise<Snapshot[string]> => {
    const reply = await api.call('GET', path, token ? { token } : {});
    return { status: reply.status, body: reply.body ?? reply.text };
  };
  const article = `/articles/${enc(f.slug)}`;
  const [anonymous, asFriend, comments, owner, ownerAsFriend, me, byAuthor, favorited, feed] =
    await Promise.all([
      read(article),
      read(article, f.friend.token),
      read(`${article}/comments`),
      read(`/profiles/${enc(f.owner.username)}`),
      read(`/profiles/${enc(f.owner.username)}`, f.friend.token),
      read('/user', f.owner.token),
      read(`/articles?author=${enc(f.owner.username)}`),
      read(`/articles?favorited=${enc(f.friend.username)}`),
      read('/articles/feed', f.friend.token),
    ]);
  // A server may re-issue tokens on every read; the token is not part of the stored data.
  if (me.body?.user) delete me.body.user.token;
  return {
    [`GET ${article}`]: anonymous,
    [`GET ${article} as ${f.friend.username}`]: asFriend,
    [`GET ${article}/comments`]: comments,
    [`GET /profiles/${f.owner.username}`]: owner,
    [`GET /profiles/${f.owner.username} as ${f.friend.username}`]: ownerAsFriend,
    [`GET /user as ${f.owner.username}`]: me,
    [`GET /articles?author=${f.owner.username}`]: byAuthor,
    [`GET /articles?favorited=${f.friend.username}`]: favorited,
    [`GET /articles/feed as ${f.friend.username}`]: feed,
  };
}

/** Waits until the fixture's own writes are visible (eventually consistent patterns), then snapshots it. */
export async function settledSnapshot(api: Conduit, f: Fixture, timeoutMs: number): Promise<Snapshot> {
  const settled = await settle(
    () => takeSnapshot(api, f),
    (s) => {
      const article = s[`GET /articles/${enc(f.slug)} as ${f.friend.username}`]?.body?.article;
      const comments = s[`GET /articles/${enc(f.slug)}/comments`]?.body?.comments;
      const feed = s[`GET /articles/feed as ${f.friend.username}`]?.body?.articles;
      return (
        article?.favoritesCount === 1 &&
        article?.favorited === true &&
        article?.author?.following === true &&
        Array.isArray(comments) &&
        comments.length === 1 &&
        Array.isArray(feed) &&
        feed.some((a: { slug?: string }) => a.slug === f.slug)
      );
    },
    { timeoutMs },
  );
  if (!settled.ok) {
    throw new Error(
      `the fixture never became visible within ${timeoutMs} ms: ${JSON.stringify(settled.value).slice(0, 2000)}`,
    );
  }
  return settled.value;
}

/** The keys whose value differs, each with both versions. */
export function diffSnapshots(
  before: Snapshot,
  after: Snapshot,
): Array<{ key: string; before: string; after: string }> {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .map((key) => ({ key, before: stableJson(before[key]), after: stableJson(after[key]) }))
    .filter((d) => d.before !== d.after);
}

export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
