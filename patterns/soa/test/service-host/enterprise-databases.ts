import { provisionDatabase } from '@journey/provisioning';
import { type OpenEnterpriseData, openEnterpriseData } from '@journey/soa-service-host';
import { postgres } from '@journey/testkit';

export interface TestDatabase {
  url: string;
  dispose(): Promise<void>;
}

export interface EnterpriseDatabaseKind {
  name: 'sqlite' | 'postgres';
  /** For suite titles: the name, and why it is skipped when it is. */
  label: string;
  /** Why this kind's suites are skipped here (PostgreSQL absent outside CI), or undefined. */
  skip?: string;
  /** A fresh, empty enterprise database (a temp SQLite file, or a throwaway PostgreSQL database). */
  provision(name: string): Promise<TestDatabase>;
}

const pg = await postgres();

/** Every database the enterprise services run on: each suite runs on both. */
export const enterpriseDatabases: EnterpriseDatabaseKind[] = [
  {
    name: 'sqlite',
    label: 'sqlite',
    provision: (name) => provisionDatabase('soa', name, 'sqlite', { fresh: true }),
  },
  {
    name: 'postgres',
    label: pg.available ? 'postgres' : `postgres (${pg.reason})`,
    skip: pg.available ? undefined : pg.reason,
    provision: (name) => provisionDatabase('soa', name, 'postgres', { fresh: true }),
  },
];

/** Opens and migrates a fresh database of `kind`; `close` also removes it. */
export async function freshEnterpriseData(
  kind: EnterpriseDatabaseKind,
  name: string,
): Promise<OpenEnterpriseData & { url: string }> {
  const database = await kind.provision(name);
  const data = await openEnterpriseData(database.url);
  return {
    ...data,
    url: database.url,
    close: async () => {
      await data.close();
      await database.dispose();
    },
  };
}
