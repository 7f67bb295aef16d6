import { once } from 'node:events';
import { POSTGRES_ADMIN_URL } from '@journey/provisioning';
import { postgres } from '@journey/testkit';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/open-database.js';

const server = await postgres();

describe.skipIf(!server.available)(`openDatabase on PostgreSQL ${server.reason}`, () => {
  const { db } = openDatabase<unknown>(POSTGRES_ADMIN_URL);
  afterAll(() => db.destroy());

  it('when the server closes an idle pooled connection, then the process lives on and the next query reconnects', async () => {
    const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    const pid = before.rows[0]?.pid;
    const warned = once(process, 'warning');

    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await admin.end();

    const [warning] = (await warned) as [Error & { code?: string }];
    expect(warning.code).toBe('JOURNEY_PG_CONNECTION_LOST');
    const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    expect(after.rows[0]?.pid).not.toBe(pid);
  });
  it('when the server closes a connection inside a transaction, then that transaction fails, the process lives on and the next query reconnects', async () => {
    const warned = once(process, 'warning');
    const failed = db.transaction().execute(async (trx) => {
      const inside = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [inside.rows[0]?.pid]);
      await admin.end();
      await sql`select 1`.execute(trx);
    });
    await expect(failed).rejects.toThrow();
    const [warning] = (await warned) as [Error & { code?: string }];
    expect(warning.code).toBe('JOURNEY_PG_CONNECTION_LOST');
    const after = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(after.rows[0]?.one).toBe(1);
  });
});
