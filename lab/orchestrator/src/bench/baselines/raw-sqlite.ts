import { createLogger, onShutdown } from '@journey/platform';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';

/**
 * Baseline (b): the floor cost of the list endpoint's data. The same articles table the pattern
 * serves, twenty rows, one prepared statement, no joins, no authors, tags or counts.
 */
const db = new SQLite(process.env.DATABASE_PATH!, { readonly: true, fileMustExist: true });
const latest = db.prepare(
  'select slug, title, description, created_at, updated_at, author_id from articles order by id desc limit 20',
);
const app = Fastify();
app.get('/', async () => ({ articles: latest.all() }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
// Like every lab process: stops on SIGTERM, and on its own when the lab that started it is gone.
onShutdown(createLogger('baseline-raw-sqlite'), () => app.close());
