import { randomBytes } from 'node:crypto';
import { createLogger, onShutdown } from '@journey/platform';
import Fastify from 'fastify';
import pg from 'pg';

/**
 * Baseline (c) on PostgreSQL: the floor cost of a write. One article row inserted per request, one
 * named statement, one transaction (BEGIN … COMMIT like the monolith's write), the server's default
 * durability (synchronous_commit on), which the monolith keeps too.
 *
 * A database cannot be copied while the pattern holds connections to it, so this writes into a copy
 * of the articles table beside it (same columns, indexes and rows, a sequence of its own), dropped on
 * shutdown: the insert pays what the pattern's does for the table's size and indexes, and the
 * pattern's own tables stay exactly what its rows measure.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: 10 });
pool.on('error', () => {});
const table = `baseline_articles_${randomBytes(4).toString('hex')}`;
// A (c) killed before its shutdown (SIGKILL, a crash) leaves its copy behind. The bench's databases
// are fresh and go with their run, but a kept database given as DATABASE_URL would carry it on, a
// second articles table in its size and in the way of anyone reading it. One (c) runs on a database
// at a time (the bench starts one per run), so any copy already there is a dead one's: drop them,
// each with the sequence it owns.
const leftovers = await pool.query<{ name: string }>(
  `select quote_ident(tablename) as name from pg_tables
   where schemaname = current_schema() and tablename like 'baseline\\_articles\\_%'`,
);
if (leftovers.rows.length > 0)
  await pool.query(`drop table if exists ${leftovers.rows.map((row) => row.name).join(', ')}`);
await pool.query(`
  create table ${table} (like articles including all);
  create sequence ${table}_id_seq owned by ${table}.id;
  alter table ${table} alter column id set default nextval('${table}_id_seq');
  insert into ${table} select * from articles;
  select setval('${table}_id_seq', (select coalesce(max(id), 0) + 1 from ${table}), false);
`);
const authorId =
  ((await pool.query(`select author_id from ${table} limit 1`)).rows[0]?.author_id as number | undefined) ??
  1;
const insert = `insert into ${table} (slug, title, description, body, author_id, created_at, updated_at, tag_list)
  values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`;
const count = { name: `${table}-count`, text: `select count(*)::int as n from ${table}` };

interface Draft {
  article?: { title?: unknown; description?: unknown; body?: unknown; tagList?: unknown };
}
const text = (value: unknown) => (typeof value === 'string' ? value : '');
let sequence = 0;

const app = Fastify();
// The health probe, and what a test reads to see the inserts landed in the copy.
app.get('/', async () => ({ articles: (await pool.query(count)).rows[0].n as number }));
app.post('/', async (request, reply) => {
  const draft = (request.body as Draft | undefined)?.article ?? {};
  const at = new Date().toISOString();
  const slug = `${table}-${++sequence}`;
  const tagList = Array.isArray(draft.tagList) ? draft.tagList.filter((t) => typeof t === 'string') : [];
  const values = [slug, text(draft.title), text(draft.description), text(draft.body), authorId, at, at];
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query({
      name: `${table}-insert`,
      text: insert,
      values: [...values, JSON.stringify(tagList)],
    });
    await client.query('commit');
    return reply.code(201).send({ article: { id: rows[0].id as number, slug, createdAt: at, tagList } });
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
// Like every lab process: stops on SIGTERM, and on its own when the lab that started it is gone.
onShutdown(createLogger('baseline-raw-pg-insert'), async () => {
  await app.close();
  await pool.query(`drop table if exists ${table}`);
  await pool.end();
});
