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
