import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

/** Stands for one argument (or one element of a list argument) while a query is built. */
class Slot {
  constructor(
    readonly name: string,
    readonly index?: number,
  ) {}
}

type Argument = string | number | null | readonly (string | number)[];

/** What decides the query's text beside the values: which arguments are null and how long each list is. */
const shapeOf = (args: Record<string, Argument>) =>
  Object.entries(args)
    .map(([name, value]) =>
      value === null ? `${name}:null` : Array.isArray(value) ? `${name}[${value.length}]` : name,
    )
    .join(',');

const slotsFor = <Args extends Record<string, Argument>>(args: Args): Args =>
  Object.fromEntries(
    Object.entries(args).map(([name, value]) => [
      name,
      value === null ? value : Array.isArray(value) ? value.map((_, i) => new Slot(name, i)) : new Slot(name),
    ]),
  ) as Args;

type Adapter = ReturnType<Kysely<unknown>['getExecutor']>['adapter'];

/**
 * A consumer's statement, built and compiled by Kysely once per shape and database kind instead of
 * once per event. Building and compiling cost more than running: the feed's fan-out insert took
 * ~320 µs to compile against ~26 µs for SQLite to run an insert (issue 18), and every event of the
 * views consumer paid for six of them. `build` runs with placeholders for the arguments, so it must use
 * them only as values, never branch on them. Run it with the transaction the event is applied in.
 */
export function compiledOnce<DB, Args extends Record<string, Argument>>(
  build: (db: Kysely<DB>, args: Args) => Compilable<unknown>,
): (db: Kysely<DB>, args: Args) => Promise<QueryResult<unknown>> {
  // Per dialect (its adapter, shared by a database's transactions): SQLite's `?` is PostgreSQL's `$1`.
  const compiledFor = new WeakMap<Adapter, Map<string, CompiledQuery<unknown>>>();
  return (db, args) => {
    const adapter = db.getExecutor().adapter;
    let shapes = compiledFor.get(adapter);
    if (!shapes) {
      shapes = new Map();
      compiledFor.set(adapter, shapes);
    }
    const shape = shapeOf(args);
    let compiled = shapes.get(shape);
    if (!compiled) {
      compiled = build(db, slotsFor(args)).compile();
      shapes.set(shape, compiled);
    }
    const parameters = compiled.parameters.map((value) => {
      if (!(value instanceof Slot)) return value;
      const bound = args[value.name];
      return value.index === undefined ? bound : (bound as readonly unknown[])[value.index];
    });
    return db.executeQuery({ ...compiled, parameters });
  };
}
