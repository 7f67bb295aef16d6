import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  followLogs,
  formatLogLine,
  isPatternSlug,
  type LogRecord,
  loadTopology,
  processExists,
  type RunState,
  readLogTail,
  readRunState,
  runDirectory,
} from '@journey/orchestrator/runtime';
import { runningTarget } from '../running.js';
import { integerArg, parse, UsageError } from '../usage.js';

export const logsOptions = {
  follow: { type: 'boolean', short: 'f' },
  lines: { type: 'string', short: 'n' },
} as const;

const print = (record: LogRecord) => console.log(`[${record.process}] ${formatLogLine(record.line)}`);

/**
 * A topology's log lines, each process's with its name in front, read from the files `journey up`
 * keeps: so they can be read from another terminal, and after the run ended. `--follow` keeps
 * printing new lines until Ctrl-C or until the topology stops.
 */
export async function logs(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, logsOptions, 'logs');
  const lines = integerArg('lines', values.lines, 50, 0, 1_000_000);
  const [first] = positionals;
  let state: RunState | undefined;
  let rest: string[];
  let everyProcess: string[];
  if (first !== undefined && isPatternSlug(first)) {
    // A pattern named explicitly may have stopped: its last run's files are still worth reading.
    state = readRunState(first);
    rest = positionals.slice(1);
    everyProcess = (await loadTopology(first)).processes.map((p) => p.name);
  } else {
    ({ state, rest } = runningTarget(positionals, 'logs'));
    everyProcess = state.processes.map((p) => p.name);
  }
  const pattern = state?.pattern ?? first!;
  if (rest.length > 1) throw new UsageError(`journey logs: name at most one process`, everyProcess);
  if (rest[0] !== undefined && !everyProcess.includes(rest[0]))
    throw new UsageError(`journey logs: ${pattern} has no process "${rest[0]}"`, everyProcess);
  const processes = rest[0] === undefined ? everyProcess : [rest[0]];
  const logDir = join(state?.runDir ?? runDirectory(pattern), 'logs');

  const tail = readLogTail(logDir, processes, lines);
  if (tail.length === 0 && !values.follow) console.error(`no log lines of ${pattern} yet (in ${logDir})`);
  for (const record of tail) print(record);
  if (!values.follow) return 0;
  const stopFollowing = followLogs(logDir, processes, print);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    if (state) void ownerGone(state.ownerPid).then(resolve);
  });
  stopFollowing();
  return 0;
}

async function ownerGone(pid: number): Promise<void> {
  while (processExists(pid)) await sleep(250);
}
