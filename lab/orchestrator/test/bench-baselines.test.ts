import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBaseline } from '../src/bench/bench.js';
import { type ManagedProcess, stopProcess } from '../src/managed-process.js';

/** The articles table as packages/conduit-sql creates it, with a few seeded rows. */
function seededDatabase(dir: string, rows: number): string {
  const file = join(dir, 'pattern.sqlite');
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.exec(`create table articles (
    id integer primary key autoincrement, slug text not null unique, title text not null,
    description text not null, author_id integer not null, created_at text not null,
    updated_at text not null, favorites_count integer not null default 0,
    tag_list text not null default '[]', body text not null)`);
  db.exec('create index articles_author_idx on articles (author_id, id)');
  const insert = db.prepare(
    `insert into articles (slug, title, description, author_id, created_at, updated_at, body)
     values (?, 'seeded', 'seeded', 7, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'seeded')`,
  );
  for (let n = 1; n <= rows; n++) insert.run(`seeded-${n}`);
  db.close();
  return file;
}

const countIn = (file: string) => {
  const db = new SQLite(file, { readonly: true });
  try {
    return db.prepare('select count(*) from articles').pluck().get();
  } finally {
    db.close();
  }
};

describe('bench baseline (c): raw Fastify + better-sqlite3 insert', () => {
  let dir: string;
  let source: string;
  let baseline: ManagedProcess;
  const post = () =>
    fetch(baseline.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ article: { title: 'Bench', description: 'd', body: 'b', tagList: ['bench'] } }),
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'journey-baseline-test-'));
    source = seededDatabase(dir, 5);
    baseline = await startBaseline('raw-sqlite-insert.ts', { DATABASE_PATH: source });
  }, 60_000);

  afterAll(async () => {
    if (baseline) await stopProcess(baseline);
    rmSync(dir, { recursive: true, force: true });
  });

  it('when articles are posted, then each is a new row of its copy of the pattern’s table, and the pattern’s own data is untouched', async () => {
    expect(await (await fetch(baseline.url)).json()).toEqual({ articles: 5 });
    const first = await post();
    const second = await post();
    expect([first.status, second.status]).toEqual([201, 201]);
    const [a, b] = [(await first.json()).article, (await second.json()).article];
    expect([a.id, b.id]).toEqual([6, 7]);
    expect(a.slug).not.toBe(b.slug);
    expect(a.tagList).toEqual(['bench']);
    expect(await (await fetch(baseline.url)).json()).toEqual({ articles: 7 });
    expect(countIn(source)).toBe(5);
  });

  it('when it is stopped, then it exits cleanly on SIGTERM', async () => {
    const exit = await stopProcess(baseline);
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
