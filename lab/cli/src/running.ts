import { isPatternSlug, type RunState, readRunState, runningTopologies } from '@journey/orchestrator/runtime';
import { UsageError } from './usage.js';

export const NOTHING_RUNNING = 'nothing is running; start a pattern with: journey up <pattern>';

/**
 * The running topology a command acts on, found through its run-state file, and the arguments after
 * the pattern. The pattern may be left out while exactly one topology runs.
 */
export function runningTarget(positionals: string[], command: string): { state: RunState; rest: string[] } {
  const running = runningTopologies();
  const [first, ...rest] = positionals;
  if (first !== undefined && (isPatternSlug(first) || running.some((s) => s.pattern === first))) {
    const state = readRunState(first);
    if (!state) throw new Error(`${first} is not running; start it with: journey up ${first}`);
    return { state, rest };
  }
  if (running.length === 0) throw new Error(NOTHING_RUNNING);
  if (running.length > 1) {
    throw new UsageError(
      `journey ${command}: ${running.length} topologies are running, name one`,
      running.map((s) => s.pattern),
    );
  }
  return { state: running[0]!, rest: positionals };
}

/** The one process argument of kill/restart, checked against the processes of the running topology. */
export function processArg(rest: string[], state: RunState, command: string): string {
  const choices = state.processes.map((p) => p.name);
  const [name, ...extra] = rest;
  if (name === undefined)
    throw new UsageError(`journey ${command}: name a process of ${state.pattern}`, choices);
  if (extra.length > 0) throw new UsageError(`journey ${command}: unexpected "${extra.join(' ')}"`);
  if (!choices.includes(name))
    throw new UsageError(`journey ${command}: ${state.pattern} has no process "${name}"`, choices);
  return name;
}
