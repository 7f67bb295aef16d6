import { loadTopology, patternFolder, runPatternExperiment } from '@journey/orchestrator';
import pg from 'pg';

/** Runs one of the lab's experiment modules as `journey experiment serverless <name>` does, on PostgreSQL. */
export async function runLabExperiment(name: string, module: string) {
  return runPatternExperiment({
    topology: await loadTopology('serverless'),
    patternFolder: patternFolder('serverless'),
    declaration: { name, title: name, module },
    db: 'postgres',
    onProgress: (message) => console.error(`[${name}] ${message}`),
  });
}

/** Roles and databases on the server whose names contain `part`: what a run must not leave behind. */
export async function leftOnServer(serverUrl: string, part: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select rolname as name from pg_roles where rolname like $1
       union all select datname from pg_database where datname like $1`,
      [`%${part}%`],
    );
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}
