import type { Article, ArticleId } from '../../domain/article.js';
import type { Comment, CommentId } from '../../domain/comment.js';
import type { User, UserId } from '../../domain/user.js';

type Undo = () => void;

/**
 * A Map that can take back its writes: while a unit of work is open, every `set` and `delete`
 * records its inverse, and a failed unit replays them backwards. Values are replaced, never mutated.
 */
export class Table<K, V> {
  private readonly rows = new Map<K, V>();
  constructor(private readonly store: MemoryStore) {}

  get(key: K): V | undefined {
    return this.rows.get(key);
  }
  has(key: K): boolean {
    return this.rows.has(key);
  }
  values(): IterableIterator<V> {
    return this.rows.values();
  }
  keys(): IterableIterator<K> {
    return this.rows.keys();
  }
  set(key: K, value: V): void {
    const had = this.rows.has(key);
    const previous = this.rows.get(key);
    this.store.record(() => (had ? this.rows.set(key, previous as V) : this.rows.delete(key)));
    this.rows.set(key, value);
  }
  delete(key: K): boolean {
    if (!this.rows.has(key)) return false;
    const previous = this.rows.get(key) as V;
    this.store.record(() => this.rows.set(key, previous));
    this.rows.delete(key);
    return true;
  }
}

/**
 * All the in-memory adapters' state, and the one lock that makes them safe under concurrent async
 * use: every repository call (and every whole unit of work) runs alone, in arrival order, so an
 * `await` in the middle of a unit can never let another request see or break it half-done.
 */
export class MemoryStore {
  readonly users = new Table<UserId, User>(this);
  /** Secondary indexes that play the part of UNIQUE constraints. */
  readonly usernames = new Table<string, UserId>(this);
  readonly emails = new Table<string, UserId>(this);
  /** Keyed `${followerId}:${followeeId}`. */
  readonly follows = new Table<string, { followerId: UserId; followeeId: UserId }>(this);
  readonly articles = new Table<ArticleId, Article>(this);
  readonly slugs = new Table<string, ArticleId>(this);
  /** Keyed `${articleId}:${userId}`. */
  readonly favorites = new Table<string, { articleId: ArticleId; userId: UserId }>(this);
  readonly comments = new Table<CommentId, Comment>(this);
  /** Like SQL sequences, ids are never handed out twice, even by a unit that rolls back. */
  private readonly sequences = { user: 0, article: 0, comment: 0 };

  private tail: Promise<unknown> = Promise.resolve();
  private journal: Undo[] | null = null;

  nextId(kind: keyof MemoryStore['sequences']): number {
    this.sequences[kind] += 1;
    return this.sequences[kind];
  }

  record(undo: Undo): void {
    this.journal?.push(undo);
  }

  /** Runs `work` when every earlier caller is done; callers queue in arrival order. */
  exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Runs `work` alone; if it throws, every write it made is undone before the error goes on. */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.journal = [];
      try {
        return await work();
      } catch (error) {
        for (const undo of this.journal.reverse()) undo();
        throw error;
      } finally {
        this.journal = null;
      }
    });
  }
}
