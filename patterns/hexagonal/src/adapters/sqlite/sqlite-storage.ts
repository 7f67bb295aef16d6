import { isPostgresUrl } from '@journey/conduit-sql';
import { sqlStorage } from '../sql/sql-storage.js';
import type { Storage } from '../storage.js';

/** A file path (`sqlite:` and `file:` prefixes allowed, its folder created) or `:memory:`. */
export function sqliteStorage(path: string, options: { migrate?: boolean } = {}): Promise<Storage> {
  if (isPostgresUrl(path)) throw new Error(`sqliteStorage takes a SQLite path, not ${new URL(path).host}`);
  return sqlStorage(path, options);
}
