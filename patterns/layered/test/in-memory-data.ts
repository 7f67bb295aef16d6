import type { Article } from '../src/domain/article.js';
import type { Comment } from '../src/domain/comment.js';
import type { User } from '../src/domain/user.js';
import type { DataAccess, Repositories } from '../src/persistence/data-access.js';
import { UniqueViolation } from '../src/persistence/data-access.js';

/**
 * A DataAccess made of arrays: what the application unit tests run on, with no database and no I/O.
 * In a layered design the repository interfaces belong to the persistence layer, so the fake
 * implements *its* types; the application cannot tell the difference.
 */
export function inMemoryData(): DataAccess & { state: ReturnType<typeof emptyState> } {
  const state = emptyState();
  const nextId = { users: 1, articles: 1, comments: 1 };
  const taken = (column: 'username' | 'email' | 'slug') => new UniqueViolation(column);

  const repositories: Repositories = {
    users: {
      async insert(user, _at) {
        if (state.users.some((u) => u.username.toLowerCase() === user.username.toLowerCase()))
          throw taken('username');
        if (state.users.some((u) => u.email === user.email)) throw taken('email');
        const created: User = { id: nextId.users++, ...user, bio: null, image: null };
        state.users.push(created);
        return { ...created };
      },
      async update(id, changes, _at) {
        const user = state.users.find((u) => u.id === id);
        if (!user) return undefined;
        const others = state.users.filter((u) => u.id !== id);
        if (
          changes.username &&
          others.some((u) => u.username.toLowerCase() === changes.username!.toLowerCase())
        )
          throw taken('username');
        if (changes.email && others.some((u) => u.email === changes.email)) throw taken('email');
        Object.assign(user, changes);
        return { ...user };
      },
      byId: async (id) => copy(state.users.find((u) => u.id === id)),
      byEmail: async (email) => copy(state.users.find((u) => u.email === email)),
      byUsername: async (username) => copy(state.users.find((u) => u.username === username)),
      byIds: async (ids) =>
        new Map(state.users.filter((u) => ids.includes(u.id)).map((u) => [u.id, { ...u }])),
    },
    follows: {
      async follow(followerId, followeeId) {
        if (!state.follows.some((f) => f.followerId === followerId && f.followeeId === followeeId))
          state.follows.push({ followerId, followeeId });
      },
      async unfollow(followerId, followeeId) {
        state.follows = state.follows.filter(
          (f) => !(f.followerId === followerId && f.followeeId === followeeId),
        );
      },
      followedAmong: async (followerId, ids) =>
        new Set(
          state.follows
            .filter((f) => f.followerId === followerId && ids.includes(f.followeeId))
            .map((f) => f.followeeId),
        ),
    },
    articles: {
      async insert(article, at) {
        if (state.articles.some((a) => a.slug === article.slug)) throw taken('slug');
        const id = nextId.articles++;
        state.articles.push({ ...article, id, createdAt: at, updatedAt: at, favoritesCount: 0 });
        return id;
      },
      async update(id, changes, at) {
        if (changes.slug && state.articles.some((a) => a.slug === changes.slug && a.id !== id))
          throw taken('slug');
        const article = state.articles.find((a) => a.id === id);
        if (article) Object.assign(article, changes, { updatedAt: at });
      },
      async delete(id) {
        // What ON DELETE CASCADE does in the real schema.
        state.articles = state.articles.filter((a) => a.id !== id);
        state.comments = state.comments.filter((c) => c.articleId !== id);
        state.favorites = state.favorites.filter((f) => f.articleId !== id);
      },
      byId: async (id) => copy(state.articles.find((a) => a.id === id)),
      bySlug: async (slug) => copy(state.articles.find((a) => a.slug === slug)),
      slugTaken: async (slug) => state.articles.some((a) => a.slug === slug),
      async page(filter, page) {
        const userId = (username: string) => state.users.find((u) => u.username === username)?.id;
        const matches = state.articles
          .filter((a) => filter.tag === undefined || a.tagList.includes(filter.tag))
          .filter((a) => filter.authorUsername === undefined || a.authorId === userId(filter.authorUsername))
          .filter(
            (a) =>
              filter.favoritedByUsername === undefined ||
              state.favorites.some(
                (f) => f.articleId === a.id && f.userId === userId(filter.favoritedByUsername!),
              ),
          )
          .filter(
            (a) =>
              filter.followedBy === undefined ||
              state.follows.some((f) => f.followerId === filter.followedBy && f.followeeId === a.authorId),
          )
          .sort((a, b) => b.id - a.id);
        const articles = matches
          .slice(page.offset, page.offset + page.limit)
          .map(({ body: _body, ...summary }) => ({ ...summary, tagList: [...summary.tagList] }));
        return { articles, total: matches.length };
      },
      async adjustFavoritesCount(id, delta) {
        const article = state.articles.find((a) => a.id === id);
        if (article) article.favoritesCount += delta;
      },
    },
    tags: {
      async attach(_articleId, names) {
        for (const name of names) state.tags.add(name);
      },
      async popular() {
        const counts = new Map<string, number>();
        for (const tag of state.articles.flatMap((a) => a.tagList))
          counts.set(tag, (counts.get(tag) ?? 0) + 1);
        return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
      },
    },
    favorites: {
      async add(userId, articleId) {
        if (state.favorites.some((f) => f.userId === userId && f.articleId === articleId)) return false;
        state.favorites.push({ userId, articleId });
        return true;
      },
      async remove(userId, articleId) {
        const before = state.favorites.length;
        state.favorites = state.favorites.filter((f) => !(f.userId === userId && f.articleId === articleId));
        return state.favorites.length < before;
      },
      favoritedAmong: async (userId, articleIds) =>
        new Set(
          state.favorites
            .filter((f) => f.userId === userId && articleIds.includes(f.articleId))
            .map((f) => f.articleId),
        ),
    },
    comments: {
      async insert(comment, at) {
        const created: Comment = { id: nextId.comments++, ...comment, createdAt: at, updatedAt: at };
        state.comments.push(created);
        return { ...created };
      },
      ofArticle: async (articleId) =>
        state.comments.filter((c) => c.articleId === articleId).map((c) => ({ ...c })),
      byId: async (articleId, id) =>
        copy(state.comments.find((c) => c.articleId === articleId && c.id === id)),
      async delete(id) {
        state.comments = state.comments.filter((c) => c.id !== id);
      },
    },
  };

  return {
    ...repositories,
    state,
    // Snapshot and restore: a failed unit of work leaves nothing behind, as a rollback would.
    async transaction(work) {
      const snapshot = structuredClone(state);
      state.transactions++;
      try {
        return await work(repositories);
      } catch (error) {
        Object.assign(state, snapshot, { transactions: state.transactions });
        throw error;
      }
    },
    ping: async () => {},
    describe: 'in memory',
    close: async () => {},
  };
}

function emptyState() {
  return {
    users: [] as User[],
    follows: [] as { followerId: number; followeeId: number }[],
    articles: [] as Article[],
    tags: new Set<string>(),
    favorites: [] as { userId: number; articleId: number }[],
    comments: [] as Comment[],
    /** How many units of work the application opened. */
    transactions: 0,
  };
}

const copy = <T extends object>(value: T | undefined): T | undefined =>
  value === undefined ? undefined : structuredClone(value);
