import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

/** Stands for one argument (or one element of a list argument) while a query is built. */
class Slot {
  constructor(
    readonly name: string,
    readonly index?: number,
  ) {}
}

/** What a compiled query's argument may be: a value bound as a parameter, absent, or a list of them. */
export type Argument = string | number | boolean | null | undefined | readonly (string | number)[];

/**
 * What decides a query's text, beside its parameters' values: which arguments are absent, null or
 * undefined (they drop a condition or turn a column into a literal) and how long each list is (one
 * parameter per element).
 */
const shapeOf = (args: Record<string, Argument>) =>
  Object.entries(args)
    .map(([name, value]) =>
      value == null ? `${name}:${value}` : Array.isArray(value) ? `${name}[${value.length}]` : name,
    )
    .join(',');

const slotsFor = <Args extends Record<string, Argument>>(args: Args): Args =>
  Object.fromEntries(
    Object.entries(args).map(([name, value]) => [
      name,
      value == null ? value : Array.isArray(value) ? value.map((_, i) => new Slot(name, i)) : new Slot(name),
    ]),
  ) as Args;

type Adapter = ReturnType<Kysely<unknown>['getExecutor']>['adapter'];

/**
 * Shapes kept per dialect. A list's length is part of its shape and may come from the data (a feed's
 * followees, a page's comment authors), so the oldest shape makes room for a new one: a bounded set, and
 * the hot shapes are compiled again at most once in a while.
 */
const SHAPES_PER_DIALECT = 64;

/**
 * A query Kysely builds and compiles once per shape and dialect instead of once per call: `build`
 * runs with placeholders in place of the arguments, and each call binds its own values to the
 * compiled SQL. Building and compiling cost more than running: the event-driven feed's fan-out
 * insert took ~320 µs to compile against ~26 µs for SQLite to run an insert, and on the monolith's
 * hot reads Kysely's work outweighed SQLite's (issue 18). The statement cache under it
 * (statement-cache.ts) then reuses the prepared statement too.
 *
 * `build` must use the arguments only as values: never branch on them, compute with them or put them
 * in the SQL text (`sql.lit`, identifiers), except to test whether one is null or undefined, or read a
 * list's length. A list is bound element by element; its elements may not be absent.
 *
 * Each call takes the database to run on, so a transaction can run it.
 */
export function compiledOnce<DB, Args extends Record<string, Argument>, Row>(
  build: (db: Kysely<DB>, args: Args) => Compilable<Row>,
): (db: Kysely<DB>, args: Args) => Promise<QueryResult<Row>> {
  // Per dialect, keyed by the database's adapter (its transactions share it): SQLite's `?` is
  // PostgreSQL's `$1`.
  const compiledFor = new WeakMap<Adapter, Map<string, CompiledQuery<Row>>>();
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
      if (shapes.size >= SHAPES_PER_DIALECT) shapes.delete(shapes.keys().next().value!);
      shapes.set(shape, compiled);
    }
    const parameters = compiled.parameters.map((value) => {
      if (!(value instanceof Slot)) return value;
      const bound = args[value.name];
      return value.index === undefined ? bound : (bound as readonly unknown[])[value.index];
    });
    return db.executeQuery<Row>({ ...compiled, parameters });
  };
}
