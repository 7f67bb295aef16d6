import { provisionDatabase } from '@journey/provisioning';
import { postgres } from '@journey/testkit';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBaseline } from '../src/bench/bench.js';
import { type ManagedProcess, stopProcess } from '../src/managed-process.js';

/** The articles table as packages/conduit-sql creates it, and five seeded rows, in one SQL text. */
const seedSql = (id: string) => `
  create table articles (
    id ${id}, slug text not null unique, title text not null, description text not null,
    author_id integer not null, created_at text not null, updated_at text not null,
    favorites_count integer not null default 0, tag_list text not null default '[]', body text not null);
  create index articles_author_idx on articles (author_id, id);
  insert into articles (slug, title, description, author_id, created_at, updated_at, body) values
  ${[1, 2, 3, 4, 5].map((n) => `('seeded-${n}', 'seeded', 'seeded', 7, '2026-01-01', '2026-01-01', 'seeded')`).join(', ')};`;

/** A pattern's seeded database as the bench hands it to (b) and (c), and how to count its own articles. */
interface Source {
  env: Record<string, string>;
  countArticles(): Promise<number>;
  dispose(): Promise<void>;
}

async function sqliteSource(): Promise<Source> {
  const provisioned = await provisionDatabase('bench-baselines', 'db', 'sqlite', { fresh: true });
  const db = new SQLite(provisioned.url);
  db.pragma('journal_mode = WAL');
  db.exec(seedSql('integer primary key autoincrement'));
  db.close();
  return {
    env: { DATABASE_PATH: provisioned.url },
    countArticles: async () => {
      const reader = new SQLite(provisioned.url, { readonly: true });
      try {
        return reader.prepare('select count(*) from articles').pluck().get() as number;
      } finally {
        reader.close();
      }
    },
    dispose: provisioned.dispose,
  };
}

async function postgresSource(): Promise<Source> {
  const provisioned = await provisionDatabase('bench-baselines', 'db', 'postgres', { fresh: true });
  const client = new pg.Client({ connectionString: provisioned.url });
  await client.connect();
  await client.query(seedSql('serial primary key'));
  // What a (c) killed before its shutdown leaves: its copy of the table, with the sequence it owns.
  await client.query(`
    create table baseline_articles_0dead0ff (like articles including all);
    create sequence baseline_articles_0dead0ff_id_seq owned by baseline_articles_0dead0ff.id;`);
  return {
    env: { DATABASE_URL: provisioned.url },
    countArticles: async () => (await client.query('select count(*)::int as n from articles')).rows[0].n,
    dispose: async () => {
      await client.end();
      await provisioned.dispose();
    },
  };
}

const needsPostgres = await postgres();

describe.each([
  {
    db: 'sqlite',
    driver: 'better-sqlite3',
    read: 'raw-sqlite.ts',
    write: 'raw-sqlite-insert.ts',
    open: sqliteSource,
    skip: '',
  },
  {
    db: 'postgres',
    driver: 'pg',
    read: 'raw-pg.ts',
    write: 'raw-pg-insert.ts',
    open: postgresSource,
    skip: needsPostgres.available ? '' : ` (${needsPostgres.reason})`,
  },
])('bench baselines (b) and (c) on $db$skip', ({ db, read, write, open, skip }) => {
  let source: Source;
  let reader: ManagedProcess;
  let writer: ManagedProcess;
  const post = () =>
    fetch(writer.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ article: { title: 'Bench', description: 'd', body: 'b', tagList: ['bench'] } }),
    });

  beforeAll(async () => {
    if (skip) return;
    source = await open();
    reader = await startBaseline(read, source.env);
    writer = await startBaseline(write, source.env);
  }, 60_000);

  afterAll(async () => {
    for (const proc of [reader, writer]) if (proc) await stopProcess(proc);
    await source?.dispose();
  });

  it.skipIf(skip)(
    'when (b) is asked, then it answers the latest articles of the pattern’s table',
    async () => {
      const { articles } = await (await fetch(reader.url)).json();
      expect(articles.map((a: { slug: string }) => a.slug)).toEqual([
        'seeded-5',
        'seeded-4',
        'seeded-3',
        'seeded-2',
        'seeded-1',
      ]);
    },
  );

  it.skipIf(skip)(
    'when articles are posted to (c), then each is a new row of its copy of the pattern’s table, and the pattern’s own data is untouched',
    async () => {
      expect(await (await fetch(writer.url)).json()).toEqual({ articles: 5 });
      const first = await post();
      const second = await post();
      expect([first.status, second.status]).toEqual([201, 201]);
      const [a, b] = [(await first.json()).article, (await second.json()).article];
      expect([a.id, b.id]).toEqual([6, 7]);
      expect(a.slug).not.toBe(b.slug);
      expect(a.tagList).toEqual(['bench']);
      expect(await (await fetch(writer.url)).json()).toEqual({ articles: 7 });
      expect(await source.countArticles()).toBe(5);
    },
  );

  it.skipIf(skip || db !== 'postgres')(
    'when (c) starts on PostgreSQL, then a copy a killed (c) left behind is gone, its sequence too',
    async () => {
      const client = new pg.Client({ connectionString: source.env.DATABASE_URL });
      await client.connect();
      try {
        const { rows } = await client.query(
          `select relname from pg_class where relname like 'baseline\\_articles\\_0dead0ff%'`,
        );
        expect(rows).toEqual([]);
      } finally {
        await client.end();
      }
    },
  );

  it.skipIf(skip)('when they are stopped, then both exit cleanly on SIGTERM', async () => {
    expect(await stopProcess(reader)).toEqual({ code: 0, signal: null });
    expect(await stopProcess(writer)).toEqual({ code: 0, signal: null });
  });
});
