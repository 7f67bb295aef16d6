import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, onShutdown } from '@journey/platform';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';

/**
 * Baseline (c): the floor cost of a write. One article row inserted per request, one prepared
 * statement, one transaction, with the monolith's durability (packages/conduit-sql open-database.ts:
 * WAL, synchronous=NORMAL, busy_timeout, foreign keys; BEGIN IMMEDIATE like its write transaction).
 *
 * It writes into a copy of the pattern's seeded database rather than a scratch table of its own: the
 * insert then pays what the pattern's does for the table's size and indexes (the unique slug, the
 * author index), and the pattern's data stays exactly what its own rows measure. No tags, no
 * author lookup, no answer built from a re-read: those are what the pattern adds.
 */
const dir = mkdtempSync(join(tmpdir(), 'journey-baseline-c-'));
const copy = join(dir, 'articles.sqlite');
const source = new SQLite(process.env.DATABASE_PATH!, { readonly: true, fileMustExist: true });
source.exec(`vacuum into '${copy.replaceAll("'", "''")}'`);
source.close();

const db = new SQLite(copy);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
const authorId =
  (db.prepare('select author_id from articles limit 1').pluck().get() as number | undefined) ?? 1;
const insert = db.prepare(
  `insert into articles (slug, title, description, body, author_id, created_at, updated_at, tag_list)
   values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
);
const insertOne = db.transaction((values: unknown[]) => insert.get(...values) as { id: number });

interface Draft {
  article?: { title?: unknown; description?: unknown; body?: unknown; tagList?: unknown };
}
const text = (value: unknown) => (typeof value === 'string' ? value : '');
// Unique across this process's inserts and apart from every seeded slug.
const prefix = `baseline-${randomBytes(4).toString('hex')}`;
let sequence = 0;

const app = Fastify();
// The health probe, and what a test reads to see the inserts landed in the copy.
const count = db.prepare('select count(*) from articles').pluck();
app.get('/', async () => ({ articles: count.get() as number }));
app.post('/', async (request, reply) => {
  const draft = (request.body as Draft | undefined)?.article ?? {};
  const at = new Date().toISOString();
  const slug = `${prefix}-${++sequence}`;
  const tagList = Array.isArray(draft.tagList) ? draft.tagList.filter((t) => typeof t === 'string') : [];
  const values = [slug, text(draft.title), text(draft.description), text(draft.body), authorId, at, at];
  const { id } = insertOne.immediate([...values, JSON.stringify(tagList)]);
  return reply.code(201).send({ article: { id, slug, createdAt: at, tagList } });
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
// Like every lab process: stops on SIGTERM, and on its own when the lab that started it is gone.
onShutdown(createLogger('baseline-raw-sqlite-insert'), async () => {
  await app.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});
