import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '@journey/platform';

/** What `journey up` writes so other commands (seed, later ps/logs/kill) find the running topology. */
export interface RunState {
  pattern: string;
  url: string;
  database: string;
  /** The `journey up` process that owns the topology. */
  ownerPid: number;
  startedAt: string;
  processes: Array<{ name: string; pid: number; port: number }>;
}

const stateFile = (pattern: string) => join(dataDir(), 'run', `${pattern}.json`);

export function writeRunState(state: RunState): void {
  mkdirSync(join(dataDir(), 'run'), { recursive: true });
  writeFileSync(stateFile(state.pattern), `${JSON.stringify(state, null, 2)}\n`);
}

export function removeRunState(pattern: string): void {
  rmSync(stateFile(pattern), { force: true });
}

/** The running topology of a pattern, or undefined; a state file left by a crashed `up` is ignored. */
export function readRunState(pattern: string): RunState | undefined {
  let state: RunState;
  try {
    state = JSON.parse(readFileSync(stateFile(pattern), 'utf8')) as RunState;
  } catch {
    return undefined;
  }
  try {
    process.kill(state.ownerPid, 0);
    return state;
  } catch {
    removeRunState(pattern);
    return undefined;
  }
}
