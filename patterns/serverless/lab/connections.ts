import pg from 'pg';

/** What a watch of one database's connections saw. */
export interface ConnectionWatch {
  /** The most client connections open on the database at one sample. */
  peak: number;
  samples: number;
}

/**
 * Counts the client connections open on `database` every `everyMs` until stopped, through one
 * connection of its own to the server's `postgres` database, so the watcher never counts itself nor
 * takes a slot under the watched database's connection limit.
 */
export async function watchConnections(
  serverUrl: string,
  database: string,
  everyMs = 100,
): Promise<{ stop(): Promise<ConnectionWatch> }> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `cannot watch the connections of ${database} at ${url.host}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const watch: ConnectionWatch = { peak: 0, samples: 0 };
  let failure: Error | undefined;
  const sample = async () => {
    const { rows } = await client.query<{ open: number }>(
      `select count(*)::int as open from pg_stat_activity where datname = $1 and backend_type = 'client backend'`,
      [database],
    );
    watch.peak = Math.max(watch.peak, rows[0]!.open);
    watch.samples += 1;
  };
  let stopped = false;
  const sampling = (async () => {
    while (!stopped) {
      await sample().catch((error: Error) => {
        failure ??= error;
        stopped = true;
      });
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await sampling;
      // One last look: the burst's final connections may have opened after the previous sample.
      if (!failure) await sample().catch((error: Error) => (failure ??= error));
      await client.end();
      if (failure) throw new Error(`counting the connections of ${database} failed: ${failure.message}`);
      return watch;
    },
  };
}

/** The database name of a `postgres://…/<name>` URL. */
export const databaseNameOf = (databaseUrl: string) =>
  decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
