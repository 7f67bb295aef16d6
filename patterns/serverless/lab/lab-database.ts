import type { RunningPattern } from '@journey/topology';

/** Refuses, in one line, a run on a database the experiment cannot show anything on. */
export function requirePostgres(db: string, experiment: string, what: string): void {
  if (db !== 'postgres') {
    throw new Error(
      `${experiment} needs PostgreSQL (it counts ${what}); this run is on ${db}: run it with --db postgres`,
    );
  }
}

/** The URL of the running copy's PostgreSQL database. */
export function databaseOf(running: RunningPattern): string {
  const database = running.infrastructure?.find((piece) => piece.kind === 'database');
  if (!database)
    throw new Error('the running serverless topology reports no database among its infrastructure');
  if (database.choice !== 'postgres') {
    throw new Error(`the running serverless topology's database is ${database.choice}, not PostgreSQL`);
  }
  return database.url;
}
