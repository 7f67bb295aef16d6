import { DATABASE_CHOICES, type DatabaseChoice, POSTGRES_ADMIN_URL, provisionDatabase } from './database.js';
import type { InfrastructureKind } from './infrastructure-kind.js';
import { probeFile, probeServer } from './probes.js';

/** A database per entry: a SQLite file, or a PostgreSQL database on the lab's server (`--db`). */
export const databaseKind: InfrastructureKind = {
  kind: 'database',
  choices: DATABASE_CHOICES,
  defaultChoice: 'sqlite',
  flag: 'db',
  diagramShape: 'barrel',
  validate: (spec) => (spec.groups ? [`"${spec.name}" has consumer groups, which a database has not`] : []),
  async provision({ slug, spec, choice, fresh, serverUrl }) {
    const database = await provisionDatabase(slug, spec.name, choice as DatabaseChoice, {
      fresh,
      ...(serverUrl !== undefined && { serverUrl }),
    });
    return { name: spec.name, kind: 'database', choice, ...database, env: { [spec.urlEnv]: database.url } };
  },
  // The server a chaos fault sits in front of (its port spelled out); SQLite is a file, with no connection.
  async defaultServerUrl(choice) {
    if (choice !== 'postgres') return undefined;
    const url = new URL(POSTGRES_ADMIN_URL);
    url.port ||= '5432';
    return url.toString();
  },
  probe: (provisioned) =>
    provisioned.choice === 'sqlite' ? probeFile(provisioned.url) : probeServer(provisioned.url, 5432),
};
