import type { Compilable, CompiledQuery, QueryResult } from 'kysely';

/** Stands for one argument (or one element of a list argument) while a query is built. */
class Slot {
  constructor(
    readonly name: string,
    readonly index?: number,
  ) {}
}

type Argument = string | number | boolean | null | undefined | readonly (string | number)[];

/**
 * What decides a query's text, beside its parameters' values: which arguments are absent (they drop a
 * condition or turn a column into a literal) and how long each list is (one `?` per element).
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

/**
 * A query Kysely builds and compiles once per shape instead of once per call: `build` runs with
 * placeholders in place of the arguments, and each call binds its own values to the compiled SQL. On
 * the hot reads Kysely's building and compiling cost more than SQLite's running the statement (issue
 * 18); the statement cache under it (@journey/conduit-sql) then reuses the prepared statement too.
 * `build` must use the arguments only as values (never branch on them, except on their absence).
 */
export function compiledOnce<Args extends Record<string, Argument>, Row>(
  db: { executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> },
  build: (args: Args) => Compilable<Row>,
): (args: Args) => Promise<Row[]> {
  const shapes = new Map<string, CompiledQuery<Row>>();
  return async (args) => {
    const shape = shapeOf(args);
    let compiled = shapes.get(shape);
    if (!compiled) {
      compiled = build(slotsFor(args)).compile();
      shapes.set(shape, compiled);
    }
    const parameters = compiled.parameters.map((value) => {
      if (!(value instanceof Slot)) return value;
      const bound = args[value.name];
      return value.index === undefined ? bound : (bound as readonly unknown[])[value.index];
    });
    const { rows } = await db.executeQuery<Row>({ ...compiled, parameters });
    return rows;
  };
}
