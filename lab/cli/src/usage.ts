import { type ParseArgsConfig, parseArgs } from 'node:util';
import {
  BROKER_CHOICES,
  type BrokerChoice,
  DATABASE_CHOICES,
  type DatabaseChoice,
  isPatternSlug,
  PATTERN_SLUGS,
  type PatternSlug,
  runnablePatterns,
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
  const choice = value ?? (process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite');
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
