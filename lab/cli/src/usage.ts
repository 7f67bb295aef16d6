import { type ParseArgsConfig, parseArgs } from 'node:util';
import {
  BROKER_CHOICES,
  type BrokerChoice,
  DATABASE_CHOICES,
  type DatabaseChoice,
  INFRASTRUCTURE_KINDS,
  isPatternSlug,
  isSwitch,
  loadTopology,
  PATTERN_SLUGS,
  type PatternSlug,
  resolveTopologyOptions,
  runnablePatterns,
  ServerUnreachableError,
  usesKind,
} from '@journey/orchestrator/runtime';
import { type Topology, UsageError } from '@journey/topology';

/**
 * A mistake in how the command was called: printed as one line plus the valid choices, exit code 2.
 * The same class pattern commands throw, so both read alike.
 */
export { UsageError };

/** The pattern `npm start` runs and `journey bench` measures when none is named: the roadmap's first stage. */
export const DEFAULT_PATTERN: PatternSlug = PATTERN_SLUGS[0];

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, with its errors turned into one-line usage errors. */
export function parse<T extends Options>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const flags = Object.keys(options).map((name) => `--${name}`);
    throw new UsageError(`journey ${command}: ${(error as Error).message.split('\n')[0]}`, flags);
  }
}

export function patternArg(value: string | undefined, command: string): PatternSlug {
  if (value === undefined) throw new UsageError(`journey ${command}: name a pattern`, runnablePatterns());
  if (!isPatternSlug(value))
    throw new UsageError(`journey ${command}: unknown pattern "${value}"`, PATTERN_SLUGS);
  if (!runnablePatterns().includes(value)) {
    throw new UsageError(`journey ${command}: pattern "${value}" is not built yet`, runnablePatterns());
  }
  return value;
}

export function dbArg(value: string | undefined): DatabaseChoice {
  return explicitDbArg(value) ?? 'sqlite';
}

/**
 * `--db` (or a PostgreSQL `DATABASE_URL`) when given, else undefined: the topology's database entry
 * then runs on its own default (serverless: PostgreSQL), which a switch such as `--single` may change.
 */
export function explicitDbArg(value: string | undefined): DatabaseChoice | undefined {
  const choice = value ?? (process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : undefined);
  if (choice === undefined) return undefined;
  if (!(DATABASE_CHOICES as readonly string[]).includes(choice)) {
    throw new UsageError(`--db must be one of the databases, not "${choice}"`, DATABASE_CHOICES);
  }
  return choice as DatabaseChoice;
}

/**
 * `--broker embedded|rabbitmq|nats`; undefined when not given (the lab's default, embedded). A pattern
 * named with it must have a broker: the flag would otherwise be silently ignored.
 */
export function brokerArg(value: string | undefined, topology?: Topology): BrokerChoice | undefined {
  if (value === undefined) return undefined;
  if (!(BROKER_CHOICES as readonly string[]).includes(value)) {
    throw new UsageError(`--broker must be one of the brokers, not "${value}"`, BROKER_CHOICES);
  }
  if (topology && !hasBroker(topology)) {
    throw new UsageError(`--broker: pattern "${topology.id}" has no broker`);
  }
  return value as BrokerChoice;
}

export const hasBroker = (topology: Topology) => usesKind(topology, 'broker');

export function integerArg(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * The flags a topology's own options add to the commands that start it (`--platform` takes a value,
 * `--single` none), for parseArgs. Of several topologies, an option both declare must be the same kind of flag.
 */
export function topologyOptionFlags(topologies: Topology | readonly Topology[]): Options {
  const flags: Options = {};
  for (const topology of [topologies].flat()) {
    for (const option of topology.options ?? []) {
      const type = isSwitch(option) ? 'boolean' : 'string';
      if (flags[option.name] && flags[option.name]!.type !== type) {
        throw new UsageError(
          `--${option.name} is a switch in one of the named patterns and takes a value in ${topology.id}; name them in separate runs`,
        );
      }
      flags[option.name] = { type };
    }
  }
  return flags;
}

/**
 * The values of the options `topology` declares, as given on the command line (`{ platform: 'gcf',
 * single: 'true' }`); flags it does not declare are left out, so with several patterns each gets its own.
 * Values it does not offer, and a switch that contradicts `explicitChoices` (`--single --db postgres`), are usage errors.
 */
export function topologyOptionValues(
  values: ParsedValues,
  topology: Topology,
  explicitChoices: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
  const given: Record<string, string> = {};
  for (const option of topology.options ?? []) {
    const value = values[option.name];
    if (typeof value === 'string') given[option.name] = value;
    else if (value === true) given[option.name] = 'true';
  }
  try {
    resolveTopologyOptions(topology, given, explicitChoices);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return given;
}

/**
 * Parses a command that starts topologies in two passes: the positionals first (leniently, for the
 * pattern names), then — with those patterns' topologies loaded — strictly, with the lab's flags and
 * the topologies' own. Returns the topologies of the named, runnable patterns, in the order named.
 */
export async function parseWithTopologyOptions<T extends Options>(
  args: string[],
  options: T,
  command: string,
) {
  const lenient = parseArgs({ args, options, allowPositionals: true, strict: false });
  // A topology's value flag (`--platform gcf`) reads as a switch and a positional here: only slugs count.
  const named = [...new Set(lenient.positionals)].filter(
    (positional) => isPatternSlug(positional) && runnablePatterns().includes(positional),
  );
  const topologies = await Promise.all(named.map((slug) => loadTopology(slug as PatternSlug)));
  const parsed = parse(args, { ...options, ...topologyOptionFlags(topologies) } as T, command);
  const topologyOf = (slug: string) => {
    const topology = topologies.find((candidate) => candidate.id === slug);
    if (!topology) throw new Error(`pattern "${slug}" was not loaded with the command line`);
    return topology;
  };
  return { ...parsed, topologies, topologyOf };
}

/**
 * A server the run needs does not answer: the same one line, ending with the topology's way to run
 * without it — the switch that picks another choice for that kind (`--single`), else the kind's default.
 */
export function withWayRound(error: unknown, topology: Topology): unknown {
  if (!(error instanceof ServerUnreachableError)) return error;
  const picking = (topology.options ?? []).find(
    (option) => option.picks?.[error.kind] !== undefined && option.picks[error.kind] !== error.choice,
  );
  if (picking) return error.withAlternative(`run it on ${picking.picks![error.kind]} with --${picking.name}`);
  const kind = INFRASTRUCTURE_KINDS.get(error.kind);
  if (!kind || kind.defaultChoice === error.choice) return error;
  return error.withAlternative(`run it on ${kind.defaultChoice} with --${kind.flag} ${kind.defaultChoice}`);
}
