import type { RunningPattern } from './running-pattern.js';

/**
 * A sub-command only one pattern has (`journey events …` of event-driven), declared in its `pattern.ts`.
 * `journey <name> <args…>` calls it with the arguments after the name; it answers the exit code.
 */
export type PatternCommand = (args: string[], context: PatternCommandContext) => Promise<number>;

export interface PatternCommandContext {
  /** The slug of the pattern that declares the command. */
  pattern: string;
  /** The pattern's running topology (`journey up`); throws, saying how to start it, when it is not running. */
  running(): RunningPattern;
  /** Prints a line of the command's output (stdout). */
  print(line: string): void;
  /** Prints a line of progress (stderr). */
  progress(message: string): void;
  /**
   * What the running topology's processes were given to use, a piece per infrastructure entry, so a
   * command can read what the pattern keeps there (the events in its outboxes); throws like `running()`.
   */
  infrastructure(): RunningInfrastructure[];
  /**
   * Records a check the command made (`journey events verify`) in the learner's progress, under the
   * command's declared name, so the roadmap checkpoints it earns are decided; prints which ones.
   * Never throws: a progress store that cannot be written is a warning, not a failed check.
   */
  record(result: PatternCheckResult): void;
}

/** One provisioned piece of a running topology, as its processes were handed it. */
export interface RunningInfrastructure {
  /** Its name in the topology file. */
  name: string;
  /** `database`, `broker`…, as the topology file names it. */
  kind: string;
  /** What runs it: `sqlite`, `postgres`, `embedded`, `rabbitmq`… */
  choice: string;
  /** What the processes open: a file, `postgres://…`, `embedded:<log>`, `amqp://…`. */
  url: string;
}

/** The outcome of one check a pattern's command makes, recorded as `journey <command> <positionals…>`. */
export interface PatternCheckResult {
  /** The arguments after the command's name that say which check ran: `['verify']`. */
  positionals: string[];
  /** The effective values of the flags that matter, defaults included. */
  flags?: Record<string, string>;
  passed: boolean;
  /** One line: `412 events from 5 outboxes, all valid`, or the first failure. */
  detail: string;
}

/**
 * The command was called wrongly: the CLI prints the message and the valid choices on one line and
 * exits with code 2, as it does for its own commands.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly choices?: readonly string[],
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
