/**
 * A lab command line as a checkpoint names it in `earnedBy`, e.g. `journey test hexagonal --db postgres`,
 * and the rule that decides whether a recorded run is a run of it.
 */
export interface CheckCommand {
  /** The word after `journey`: `test`, `bench`, `exercise`, or a command a pattern declares such as `events`. */
  command: string;
  positionals: string[];
  /** `--db postgres` → { db: 'postgres' }. */
  flags: Record<string, string>;
}

/** What a run must carry to be compared with a CheckCommand (a CheckRun has these and more). */
export type RunIdentity = Pick<CheckCommand, 'command' | 'positionals'> & {
  flags?: Record<string, string>;
};

const PREFIX = 'journey';
const COMMAND_NAME = /^[a-z][a-z0-9-]*$/;
const FLAG_NAME = /^[a-z][a-z0-9-]*$/;

export class CheckCommandError extends Error {
  constructor(line: string, problem: string) {
    super(`${JSON.stringify(line)} ${problem}`);
    this.name = 'CheckCommandError';
  }
}

/**
 * Parses `journey <command> [positional…] [--flag value…]`. Words are split on spaces with no quoting: a
 * checkpoint's command is something a learner types, and none of the lab's arguments hold a space. Every
 * flag takes a value (`--db postgres` or `--db=postgres`), because runs record the effective value of the
 * flags that matter and a checkpoint can only ask for one of those.
 */
export function parseCheckCommand(line: string): CheckCommand {
  const words = line.trim().split(/\s+/);
  if (words[0] !== PREFIX) throw new CheckCommandError(line, `must start with "${PREFIX} "`);
  const command = words[1];
  if (command === undefined || !COMMAND_NAME.test(command)) {
    throw new CheckCommandError(line, `must name a command after "${PREFIX}", got ${show(command)}`);
  }
  const positionals: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 2; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('--')) {
      positionals.push(word);
      continue;
    }
    const [name, inlineValue] = splitFlag(word.slice(2));
    if (!FLAG_NAME.test(name)) throw new CheckCommandError(line, `has a malformed flag "${word}"`);
    const value = inlineValue ?? words[i + 1];
    if (value === undefined || value === '' || value.startsWith('--')) {
      throw new CheckCommandError(line, `gives no value to --${name} (flags take one: --${name} <value>)`);
    }
    if (inlineValue === undefined) i++;
    if (name in flags) throw new CheckCommandError(line, `gives --${name} twice`);
    flags[name] = value;
  }
  return { command, positionals, flags };
}

/**
 * A run is a run of `wanted` when the command is the same, its positionals include all of wanted's in any
 * order (`journey bench microservices monolith` measures both patterns in one run), and it had every flag
 * wanted names with the same value. Flags wanted leaves out match whatever the run used.
 */
export function runMatches(run: RunIdentity, wanted: CheckCommand): boolean {
  if (run.command !== wanted.command) return false;
  const available = [...run.positionals];
  for (const positional of wanted.positionals) {
    // Each of wanted's positionals consumes one of the run's, so `a a` is not matched by a lone `a`.
    const at = available.indexOf(positional);
    if (at === -1) return false;
    available.splice(at, 1);
  }
  const flags = run.flags ?? {};
  return Object.entries(wanted.flags).every(([name, value]) => flags[name] === value);
}

/** The command line back, in the form the roadmap files use: `journey test hexagonal --db postgres`. */
export function formatCheckCommand(command: CheckCommand): string {
  const flags = Object.entries(command.flags).map(([name, value]) => `--${name} ${value}`);
  return [PREFIX, command.command, ...command.positionals, ...flags].join(' ');
}

function splitFlag(text: string): [string, string | undefined] {
  const equals = text.indexOf('=');
  return equals === -1 ? [text, undefined] : [text.slice(0, equals), text.slice(equals + 1)];
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
