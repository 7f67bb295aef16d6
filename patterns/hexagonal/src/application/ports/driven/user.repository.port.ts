import type { User, UserId } from '../../../domain/user.js';

export type NewUserRecord = Omit<User, 'id'>;
export type UserUpdate = Partial<Omit<User, 'id' | 'createdAt'>>;

/** pattern: a driven port — the core says what it needs; SQLite, PostgreSQL and memory each implement it. */
export interface UserRepository {
  /** Throws `AlreadyTaken('username' | 'email')`; usernames are unique whatever their case. */
  create(user: NewUserRecord): Promise<User>;
  /** The updated user, or undefined when there is none; throws `AlreadyTaken` like `create`. */
  update(id: UserId, changes: UserUpdate): Promise<User | undefined>;
  byId(id: UserId): Promise<User | undefined>;
  /** `email` is already canonical (lower-case, trimmed). */
  byEmail(email: string): Promise<User | undefined>;
  /** Exact match, as it appears in URLs. */
  byUsername(username: string): Promise<User | undefined>;
  /** The users that exist among `ids`, keyed by id: one round trip however many are asked for. */
  byIds(ids: readonly UserId[]): Promise<Map<UserId, User>>;
}
