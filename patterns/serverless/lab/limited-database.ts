import { labScopedName } from '@journey/platform';
import { POSTGRES_ADMIN_URL } from '@journey/provisioning';
import pg from 'pg';

export interface LimitedDatabase {
  /** `postgres://<role>@…/<database>`: what the runtime must open for the limit to apply to it. */
  url: string;
  name: string;
  /** Drops the database and its role. */
  dispose(): Promise<void>;
}

/**
 * A throw-away database whose CONNECTION LIMIT is `limit`, owned by a throw-away role of its own.
 * PostgreSQL exempts superusers from a database's connection limit, and the lab's server account is
 * one, so the runtime must connect as an ordinary role for the limit to bite. Only this database and
 * this role are touched: the server's max_connections is shared (CI, other labs) and stays as it is.
 */
export async function createLimitedDatabase(limit: number, tag: string): Promise<LimitedDatabase> {
  const name = labScopedName('serverless', tag, process.pid, Date.now().toString(36));
  await asAdmin(async (client) => {
    await client.query(`create role "${name}" login`);
    await client.query(`create database "${name}" owner "${name}" connection limit ${limit}`);
  });
  const url = new URL(POSTGRES_ADMIN_URL);
  url.username = name;
  url.password = '';
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    dispose: () =>
      asAdmin(async (client) => {
        await client.query(`drop database if exists "${name}" with (force)`);
        await client.query(`drop role if exists "${name}"`);
      }),
  };
}

async function asAdmin(work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  const failed = (error: unknown) =>
    new Error(
      `preparing the connection-limited database on ${new URL(POSTGRES_ADMIN_URL).host} failed: ${(error as Error).message}`,
      { cause: error },
    );
  try {
    await client.connect();
  } catch (error) {
    throw failed(error);
  }
  try {
    await work(client);
  } catch (error) {
    throw failed(error);
  } finally {
    await client.end();
  }
}
