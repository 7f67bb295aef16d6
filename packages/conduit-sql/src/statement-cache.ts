import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely prepares every query anew; on SQLite, compiling the statement costs about as much as
 * running it. Queries repeat (the same SQL text with new parameters), so we keep the most recently
 * used prepared statements. better-sqlite3 statements are reusable as long as nobody iterates two
 * at once, and Kysely's SQLite driver runs one query at a time on its single connection.
 */
export function withStatementCache(database: SQLite.Database, capacity = 256): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      let statement = cache.get(sql);
      if (statement) {
        // Re-inserting moves it to the end: the Map's order is our least-recently-used order.
        cache.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
    close: () => database.close(),
  };
}
