import type { Page } from '@journey/conduit-rules';
import {
  AlreadyTaken,
  type ArticleRepository,
  type CommentRepository,
  type FollowRepository,
  type Repositories,
  type UnitOfWork,
  type UserRepository,
} from '../../application/ports/driven/index.js';
import type { Article, ArticleSummary } from '../../domain/article.js';
import type { Comment } from '../../domain/comment.js';
import type { User } from '../../domain/user.js';
import type { MemoryStore } from './memory-store.js';

const copy = <T extends object>(row: T | undefined): T | undefined => (row ? { ...row } : undefined);
const summary = ({ body: _body, ...rest }: Article): ArticleSummary => rest;

function users(store: MemoryStore): UserRepository {
  const claim = (user: User, previous?: User) => {
    const username = user.username.toLowerCase();
    const owner = store.usernames.get(username);
    // Checked and written without an await in between: nothing can slip in (see MemoryStore.exclusive).
    if (owner !== undefined && owner !== user.id) throw new AlreadyTaken('username');
    const emailOwner = store.emails.get(user.email);
    if (emailOwner !== undefined && emailOwner !== user.id) throw new AlreadyTaken('email');
    if (previous) {
      store.usernames.delete(previous.username.toLowerCase());
      store.emails.delete(previous.email);
    }
    store.usernames.set(username, user.id);
    store.emails.set(user.email, user.id);
    store.users.set(user.id, user);
  };
  return {
    async create(input) {
      const user = { ...input, id: store.nextId('user') };
      claim(user);
      return { ...user };
    },
    async update(id, changes) {
      const current = store.users.get(id);
      if (!current) return undefined;
      const next = { ...current, ...changes };
      claim(next, current);
      return { ...next };
    },
    async byId(id) {
      return copy(store.users.get(id));
    },
    async byEmail(email) {
      const id = store.emails.get(email);
      return id === undefined ? undefined : copy(store.users.get(id));
    },
    async byUsername(username) {
      // The index is case-insensitive (it is the uniqueness rule); the lookup, like the URL, is exact.
      const id = store.usernames.get(username.toLowerCase());
      const user = id === undefined ? undefined : store.users.get(id);
      return user?.username === username ? { ...user } : undefined;
    },
    async byIds(ids) {
      const found = new Map<number, User>();
      for (const id of ids) {
        const user = store.users.get(id);
        if (user) found.set(id, { ...user });
      }
      return found;
    },
  };
}

function follows(store: MemoryStore): FollowRepository {
  const key = (follower: number, followee: number) => `${follower}:${followee}`;
  return {
    async follow(followerId, followeeId) {
      store.follows.set(key(followerId, followeeId), { followerId, followeeId });
    },
    async unfollow(followerId, followeeId) {
      store.follows.delete(key(followerId, followeeId));
    },
    async followedAmong(followerId, ids) {
      return new Set(ids.filter((id) => store.follows.has(key(followerId, id))));
    },
    async followeeIds(followerId) {
      return [...store.follows.values()].filter((f) => f.followerId === followerId).map((f) => f.followeeId);
    },
  };
}

function articles(store: MemoryStore): ArticleRepository {
  const favoriteKey = (articleId: number, userId: number) => `${articleId}:${userId}`;
  const matching = (filter: Parameters<ArticleRepository['page']>[0]) =>
    [...store.articles.values()]
      .filter(
        (a) =>
          (filter.authorIds === undefined || filter.authorIds.includes(a.authorId)) &&
          (filter.tag === undefined || a.tagList.includes(filter.tag)) &&
          (filter.favoritedBy === undefined || store.favorites.has(favoriteKey(a.id, filter.favoritedBy))),
      )
      .sort((a, b) => b.id - a.id);

  return {
    async create(input) {
      if (store.slugs.has(input.slug)) throw new AlreadyTaken('slug');
      const article: Article = {
        ...input,
        tagList: [...input.tagList],
        id: store.nextId('article'),
        favoritesCount: 0,
      };
      store.articles.set(article.id, article);
      store.slugs.set(article.slug, article.id);
      return { ...article };
    },
    async update(id, changes) {
      const current = store.articles.get(id);
      if (!current) return;
      if (changes.slug !== undefined && changes.slug !== current.slug) {
        if (store.slugs.has(changes.slug)) throw new AlreadyTaken('slug');
        store.slugs.delete(current.slug);
        store.slugs.set(changes.slug, id);
      }
      store.articles.set(id, { ...current, ...changes });
    },
    async remove(id) {
      const article = store.articles.get(id);
      if (!article) return;
      for (const [key, favorite] of [...store.favorites.keys()].map(
        (k) => [k, store.favorites.get(k)!] as const,
      ))
        if (favorite.articleId === id) store.favorites.delete(key);
      store.slugs.delete(article.slug);
      store.articles.delete(id);
    },
    async bySlug(slug) {
      const id = store.slugs.get(slug);
      return id === undefined ? undefined : copy(store.articles.get(id));
    },
    async slugExists(slug) {
      return store.slugs.has(slug);
    },
    async page(filter, page: Page) {
      const all = matching(filter);
      return { articles: all.slice(page.offset, page.offset + page.limit).map(summary), total: all.length };
    },
    async addFavorite(articleId, userId) {
      const key = favoriteKey(articleId, userId);
      if (store.favorites.has(key) || !store.articles.has(articleId)) return false;
      store.favorites.set(key, { articleId, userId });
      return true;
    },
    async removeFavorite(articleId, userId) {
      return store.favorites.delete(favoriteKey(articleId, userId));
    },
    async changeFavoritesCount(articleId, delta) {
      const article = store.articles.get(articleId);
      if (article)
        store.articles.set(articleId, { ...article, favoritesCount: article.favoritesCount + delta });
    },
    async favoritedAmong(userId, articleIds) {
      return new Set(articleIds.filter((id) => store.favorites.has(favoriteKey(id, userId))));
    },
    async popularTags() {
      const counts = new Map<string, number>();
      for (const article of store.articles.values())
        for (const tag of article.tagList) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      return [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0)).map(([tag]) => tag);
    },
  };
}

function comments(store: MemoryStore): CommentRepository {
  return {
    async add(input) {
      const comment: Comment = { ...input, id: store.nextId('comment') };
      store.comments.set(comment.id, comment);
      return { ...comment };
    },
    async ofArticle(articleId) {
      return [...store.comments.values()]
        .filter((c) => c.articleId === articleId)
        .sort((a, b) => a.id - b.id)
        .map((c) => ({ ...c }));
    },
    async byId(articleId, id) {
      const comment = store.comments.get(id);
      return comment?.articleId === articleId ? { ...comment } : undefined;
    },
    async remove(id) {
      store.comments.delete(id);
    },
    async removeAllOf(articleId) {
      for (const comment of [...store.comments.values()])
        if (comment.articleId === articleId) store.comments.delete(comment.id);
    },
  };
}

/** Every method of `target`, each run under the store's lock. */
function locked<T extends object>(store: MemoryStore, target: T): T {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(target)) {
    wrapped[name] = (...args: unknown[]) =>
      store.exclusive(() => (method as (...a: unknown[]) => unknown)(...args));
  }
  return wrapped as T;
}

const repositoriesOver = (store: MemoryStore): Repositories => ({
  users: users(store),
  follows: follows(store),
  articles: articles(store),
  comments: comments(store),
});

/**
 * The in-memory driven adapters: repositories for everyday calls (each call takes the lock), and a
 * unit of work whose repositories run inside the lock it already holds — calling the everyday ones
 * from inside a unit would wait for itself, so the core only uses the ones it is handed.
 */
export function memoryRepositories(store: MemoryStore): Repositories & { uow: UnitOfWork } {
  const inside = repositoriesOver(store);
  return {
    users: locked(store, inside.users),
    follows: locked(store, inside.follows),
    articles: locked(store, inside.articles),
    comments: locked(store, inside.comments),
    uow: { run: (work) => store.transaction(() => work(inside)) },
  };
}
