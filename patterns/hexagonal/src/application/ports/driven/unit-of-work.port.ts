import type { ArticleRepository } from './article.repository.port.js';
import type { CommentRepository } from './comment.repository.port.js';
import type { FollowRepository } from './follow.repository.port.js';
import type { UserRepository } from './user.repository.port.js';

export interface Repositories {
  users: UserRepository;
  follows: FollowRepository;
  articles: ArticleRepository;
  comments: CommentRepository;
}

/**
 * pattern: the core asks for "all of this or none of it" without saying how. SQL adapters open a
 * transaction (BEGIN IMMEDIATE on SQLite); the memory adapter takes a lock and keeps an undo log.
 * `work` receives repositories bound to the unit; writes through any other handle are not part of it.
 */
export interface UnitOfWork {
  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
