import { createLogger, onShutdown } from '@journey/platform';
import Fastify from 'fastify';
import pg from 'pg';

/**
 * Baseline (b) on PostgreSQL: the floor cost of the list endpoint's data. The same articles table the
 * pattern serves, twenty rows, one named (so prepared once per connection) statement, no joins, no
 * authors, tags or counts; a pool as large as the monolith's (packages/conduit-sql open-database.ts).
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: 10 });
pool.on('error', () => {});
const latest = {
  name: 'baseline-latest-articles',
  text: 'select slug, title, description, created_at, updated_at, author_id from articles order by id desc limit 20',
};
const app = Fastify();
app.get('/', async () => ({ articles: (await pool.query(latest)).rows }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
// Like every lab process: stops on SIGTERM, and on its own when the lab that started it is gone.
onShutdown(createLogger('baseline-raw-pg'), async () => {
  await app.close();
  await pool.end();
});
