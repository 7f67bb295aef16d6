import type SQLite from 'better-sqlite3';

/**
 * The embedded broker's file: one append-only log, and per consumer group the next sequence it has
 * not seen plus the messages it holds unsettled (`pending`), each invisible until `visible_at`.
 */
export function createEmbeddedLogSchema(db: SQLite.Database) {
  db.exec(`
    create table if not exists log (
      seq integer primary key autoincrement,
      id text not null unique,
      type text not null,
      key text not null,
      body text not null,
      published_at text not null
    );
    create table if not exists consumer_groups (
      name text primary key,
      next_seq integer not null
    );
    create table if not exists pending (
      group_name text not null references consumer_groups (name),
      seq integer not null references log (seq),
      visible_at integer not null,
      primary key (group_name, seq)
    );
    create index if not exists pending_by_visibility on pending (group_name, visible_at);
  `);
}

export interface LogRow {
  seq: number;
  id: string;
  type: string;
  key: string;
  body: string;
}
