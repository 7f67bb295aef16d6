import { type Dialect, writeTransaction } from '@journey/conduit-sql';
import type { Kysely } from 'kysely';

declare const opened: unique symbol;

/**
 * A transaction in progress as another module receives it: nothing can be queried through it until
 * the composition root narrows it to that module's tables (`tablesOf`). A module handing its
 * transaction to a listener thus never hands over its own tables, nor anyone else's.
 */
export interface OpenTransaction {
  readonly [opened]: true;
}

/** The module's own tables inside the transaction, and the transaction as listeners may receive it. */
export type Work<Tables, T> = (tx: Kysely<Tables>, open: OpenTransaction) => Promise<T>;

export type UnitOfWork<Tables> = <T>(work: Work<Tables, T>) => Promise<T>;

/**
 * Runs a write that may span several modules as one transaction (BEGIN IMMEDIATE on SQLite, see
 * @journey/conduit-sql). Each module gets a unit of work typed to its own tables.
 */
export function unitOfWork<Database>(db: Kysely<Database>, dialect: Dialect) {
  const transaction = writeTransaction(db, dialect);
  return <Tables>(): UnitOfWork<Tables> =>
    (work) =>
      transaction((tx) => work(tx as never, tx as never));
}
