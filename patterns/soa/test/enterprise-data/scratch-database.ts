import { type DatabaseChoice, provisionDatabase } from '@journey/provisioning';
import { postgres } from '@journey/testkit';

const pg = await postgres();

/** Each database the shared enterprise data runs on, and why one is skipped here (never under CI). */
export const databaseChoices: { choice: DatabaseChoice; skip: string | undefined }[] = [
  { choice: 'sqlite', skip: undefined },
  { choice: 'postgres', skip: pg.available ? undefined : pg.reason },
];

/** A throw-away database (a temp SQLite file, or a fresh PostgreSQL database) and how to drop it. */
export const scratchDatabase = (choice: DatabaseChoice, name: string) =>
  provisionDatabase('soa', name, choice, { fresh: true });
