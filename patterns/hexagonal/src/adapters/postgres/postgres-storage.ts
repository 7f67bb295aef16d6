import { isPostgresUrl } from '@journey/conduit-sql';
import { sqlStorage } from '../sql/sql-storage.js';
import type { Storage } from '../storage.js';

export { isPostgresUrl };

/** `postgres://…` or `postgresql://…`; a pool of 10 connections. */
export function postgresStorage(url: string, options: { migrate?: boolean } = {}): Promise<Storage> {
  if (!isPostgresUrl(url)) throw new Error('postgresStorage takes a postgres:// URL');
  return sqlStorage(url, options);
}
