import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDir, labScopedName } from '@journey/platform';
import pg from 'pg';

export type DatabaseChoice = 'sqlite' | 'postgres';
export const DATABASE_CHOICES: readonly DatabaseChoice[] = ['sqlite', 'postgres'];

export interface ProvisionedDatabase {
  url: string;
  /** For the terminal: where the data lives. */
  describe: string;
  /** Drops what a fresh (throw-away) provision created; keeps a persistent one. */
  dispose(): Promise<void>;
}

/** The server the lab uses when the learner does not name one; CI starts exactly this. */
export const POSTGRES_ADMIN_URL =
  process.env.JOURNEY_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// PostgreSQL cuts longer names silently, and two cut names could meet.
const MAX_DATABASE_NAME = 63;

/** `journey_<lab id>_<pattern>_<name>`, and for a fresh run the process and the time too. */
function databaseName(slug: string, name: string, fresh: boolean): string {
  const database = labScopedName(slug, name, ...(fresh ? [process.pid, Date.now().toString(36)] : []));
  if (database.length > MAX_DATABASE_NAME)
    throw new Error(
      `database name ${database} is longer than the ${MAX_DATABASE_NAME} characters PostgreSQL keeps; shorten the infrastructure name "${name}"`,
    );
  return database;
}

/**
 * Gives one named database of one pattern a URL. Persistent databases live in the data dir (SQLite)
 * or as `journey_<lab id>_<pattern>_<name>` (PostgreSQL, named after the lab so two labs on one server
 * never share one); fresh ones are created for a single run and removed
 * by `dispose()`, which is what `journey test` and the benchmark use.
 */
export async function provisionDatabase(
  slug: string,
  name: string,
  choice: DatabaseChoice,
  { fresh, serverUrl = POSTGRES_ADMIN_URL }: { fresh: boolean; serverUrl?: string },
): Promise<ProvisionedDatabase> {
  if (choice === 'sqlite') {
    const dir = fresh ? mkdtempSync(join(tmpdir(), `journey-${slug}-`)) : join(dataDir(), 'data', slug);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.sqlite`);
    return {
      url: file,
      describe: `SQLite ${file}`,
      dispose: async () => {
        if (fresh) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database = databaseName(slug, name, fresh);
  await withAdmin(serverUrl, async (client) => {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database}"`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    describe: `PostgreSQL ${url.host}/${database}`,
    dispose: async () => {
      if (fresh) await withAdmin(serverUrl, (client) => dropWhenLeft(client, database));
    },
  };
}

/**
 * A pool's `end()` resolves before its connections have said goodbye; dropping WITH (FORCE) at that
 * moment terminates them mid-close and their owner sees an uncaught "terminating connection". So the
 * drop waits (bounded) for the database's sessions to leave, and forces only what is still there.
 */
async function dropWhenLeft(client: pg.Client, database: string, patienceMs = 5_000): Promise<void> {
  const deadline = Date.now() + patienceMs;
  while (Date.now() < deadline) {
    const sessions = await client.query('select 1 from pg_stat_activity where datname = $1', [database]);
    if (sessions.rowCount === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await client.query(`drop database if exists "${database}" with (force)`);
}

/**
 * A server the lab needs does not answer. Its message is one line for the terminal; a front end that
 * knows the topology adds how to run without it (`ServerUnreachableError.withAlternative`).
 */
export class ServerUnreachableError extends Error {
  constructor(
    /** The infrastructure kind and the choice that needs the server: `database`, `postgres`. */
    readonly kind: string,
    readonly choice: string,
    /** `PostgreSQL at 127.0.0.1:5432 is not reachable (ECONNREFUSED): start it (see README)`. */
    readonly problem: string,
    options?: ErrorOptions,
  ) {
    super(problem, options);
    this.name = 'ServerUnreachableError';
  }

  /** The same failure, ending with the way round it: `…, or run it on SQLite with --single`. */
  withAlternative(alternative: string): ServerUnreachableError {
    return new ServerUnreachableError(this.kind, this.choice, `${this.problem}, or ${alternative}`, {
      cause: this.cause,
    });
  }
}

/** What a failed connection says in a word: its code (`ECONNREFUSED`), else its first line. */
const connectionFailure = (error: unknown) =>
  (error as NodeJS.ErrnoException).code ?? ((error as Error).message.split('\n')[0] || 'no answer');

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new ServerUnreachableError(
      'database',
      'postgres',
      `PostgreSQL at ${new URL(serverUrl).host} is not reachable (${connectionFailure(error)}): start it (see README)`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Whether PostgreSQL answers; tests use it to skip (or, under CI, fail) with a clear message. */
export async function postgresAvailable(): Promise<boolean> {
  try {
    await withAdmin(POSTGRES_ADMIN_URL, (client) => client.query('select 1'));
    return true;
  } catch {
    return false;
  }
}
