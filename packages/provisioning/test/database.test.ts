import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labId } from '@journey/platform';
import { postgres } from '@journey/testkit';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { POSTGRES_ADMIN_URL, provisionDatabase, ServerUnreachableError } from '../src/index.js';

process.env.JOURNEY_HOME = mkdtempSync(join(tmpdir(), 'journey-database-'));
const server = await postgres();

describe('database provisioning: an unreachable server', () => {
  it('when PostgreSQL does not answer, then provisioning fails with one line naming where and why, and how to start it', async () => {
    // Port 1 is privileged and unused here: the connection is refused at once.
    const failure = provisionDatabase('serverless', 'db', 'postgres', {
      fresh: true,
      serverUrl: 'postgres://postgres@127.0.0.1:1/postgres',
    });
    await expect(failure).rejects.toBeInstanceOf(ServerUnreachableError);
    const error = (await failure.catch((caught: unknown) => caught)) as ServerUnreachableError;
    expect(error.message).toBe(
      'PostgreSQL at 127.0.0.1:1 is not reachable (ECONNREFUSED): start it (see README)',
    );
    expect(error.withAlternative('run it on SQLite with --single').message).toBe(
      'PostgreSQL at 127.0.0.1:1 is not reachable (ECONNREFUSED): start it (see README), or run it on SQLite with --single',
    );
    expect({ kind: error.kind, choice: error.choice }).toEqual({ kind: 'database', choice: 'postgres' });
  });
});

describe('database provisioning: names', () => {
  it('when a name would pass the 63 characters PostgreSQL keeps, then provisioning refuses it, naming the entry to shorten', async () => {
    const name = 'an-infrastructure-name-far-too-long-for-postgres';
    await expect(provisionDatabase('event-driven', name, 'postgres', { fresh: true })).rejects.toThrow(
      `longer than the 63 characters PostgreSQL keeps; shorten the infrastructure name "${name}"`,
    );
  });

  it.skipIf(!server.available)(
    `when the learner's run provisions PostgreSQL, then its database is named after the lab and stays${server.reason ? ` (${server.reason})` : ''}`,
    async () => {
      const database = await provisionDatabase('monolith', 'db', 'postgres', { fresh: false });
      const name = `journey_${labId()}_monolith_db`;
      expect(new URL(database.url).pathname).toBe(`/${name}`);
      expect(database.describe).toContain(name);
      await database.dispose();
      const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      try {
        const kept = await admin.query('select 1 from pg_database where datname = $1', [name]);
        expect(kept.rowCount).toBe(1);
        // This test's lab is thrown away: so is its database.
        await admin.query(`drop database "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  );
});
