import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, processExists } from '@journey/platform';
import type { RunningPattern } from '@journey/topology';

/**
 * What `journey up` writes so other commands (seed, ps, logs, kill, restart, down) find the running
 * topology: through this file and the control socket it names, never by process name.
 */
export interface RunState {
  pattern: string;
  url: string;
  /** What it runs on, a line per provisioned piece: which database or broker, where, under which names. */
  infrastructure: string[];
  /**
   * Each provisioned piece with what its processes were handed, so a pattern's own command can read
   * what the pattern keeps there (`journey events verify` reads the outboxes).
   */
  provisioned: Array<{ name: string; kind: string; choice: string; url: string }>;
  /**
   * The values of the topology's options it was started with, defaults included (`{ platform: 'gcf' }`);
   * optional because a run-state file written by an older lab has none.
   */
  options?: Record<string, string>;
  /** The `journey up` process that owns the topology. */
  ownerPid: number;
  startedAt: string;
  /** Unix socket of the control channel served by the owner (see control-server.ts). */
  socket: string;
  /** `JOURNEY_RUN_DIR` of every process; log files are under `logs/`. */
  runDir: string;
  processes: Array<{ name: string; pid: number | null; port: number }>;
}

const runRoot = () => join(dataDir(), 'run');
const stateFile = (pattern: string) => join(runRoot(), `${pattern}.json`);

/** Where a pattern's processes may write what the lab reads back (log files, trace spans). */
export const runDirectory = (pattern: string) => join(runRoot(), pattern);

// Linux keeps a unix socket path in 108 bytes, the last one a NUL.
const MAX_SOCKET_PATH = 107;

export function controlSocketPath(pattern: string): string {
  const path = join(runRoot(), `${pattern}.sock`);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    throw new Error(
      `the control socket path ${path} is longer than the ${MAX_SOCKET_PATH} bytes a unix socket allows; set JOURNEY_HOME to a shorter directory`,
    );
  }
  return path;
}

export function writeRunState(state: RunState): void {
  mkdirSync(runRoot(), { recursive: true });
  // Written whole then renamed, so a reader never sees half a file.
  const temporary = `${stateFile(state.pattern)}.${process.pid}.tmp`;
  // Readable by the owner only: a database URL may carry a password.
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, stateFile(state.pattern));
}

export function removeRunState(pattern: string): void {
  rmSync(stateFile(pattern), { force: true });
}

// Where `journey down` and `journey logs` have always found it.
export { processExists };

/** The running topology of a pattern, or undefined; what a crashed `up` left behind is removed. */
export function readRunState(pattern: string): RunState | undefined {
  let state: RunState;
  try {
    state = JSON.parse(readFileSync(stateFile(pattern), 'utf8')) as RunState;
  } catch {
    return undefined;
  }
  if (processExists(state.ownerPid)) return state;
  removeRunState(pattern);
  if (state.socket) rmSync(state.socket, { force: true });
  return undefined;
}

/** Every topology running now, by pattern name. */
export function runningTopologies(): RunState[] {
  let entries: string[];
  try {
    entries = readdirSync(runRoot());
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith('.json'))
    .map((entry) => readRunState(entry.slice(0, -'.json'.length)))
    .filter((state): state is RunState => state !== undefined)
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/**
 * Where the processes of a copy another process runs listen, and what it runs on, as a pattern's
 * command or fault is handed it. A run-state file written before it carried its provisioned pieces
 * leaves `infrastructure` out.
 */
export function runningPatternOf(state: RunState): RunningPattern {
  // Optional here: a run-state file written by an older lab has no such field.
  const { provisioned } = state as Partial<Pick<RunState, 'provisioned'>>;
  return {
    url: state.url,
    processes: state.processes.map(({ name, port }) => ({ name, url: `http://127.0.0.1:${port}` })),
    ...(provisioned && { infrastructure: provisioned }),
  };
}
