import {
  formatLogLine,
  loadTopology,
  type RunningTopology,
  removeRunState,
  startTopology,
  writeRunState,
} from '@journey/orchestrator';
import { dbArg, integerArg, parse, patternArg, UsageError } from '../usage.js';

export const upOptions = {
  db: { type: 'string' },
  port: { type: 'string' },
  workers: { type: 'string' },
} as const;

/** Starts a pattern with its persistent data, prints where it serves, streams its logs, stops on Ctrl-C. */
export async function up(
  args: string[],
  afterStart?: (running: RunningTopology) => Promise<void>,
): Promise<number> {
  const { values, positionals } = parse(args, upOptions, 'up');
  const pattern = patternArg(positionals[0], 'up');
  const topology = await loadTopology(pattern);
  const workers = integerArg('workers', values.workers, 1, 1, 64);
  if (values.workers !== undefined && !topology.processes.some((p) => p.workersEnv)) {
    throw new UsageError(`journey up: pattern "${pattern}" does not support --workers`);
  }
  const running = await startTopology(topology, {
    db: dbArg(values.db),
    port: integerArg('port', values.port, 3000, 0, 65_535),
    workers,
    fresh: false,
    log: (name, line) => process.stdout.write(`[${name}] ${formatLogLine(line)}\n`),
    onEvent: (event) => {
      if (event.kind === 'provisioned') console.error(`• ${event.name}: ${event.describe}`);
      if (event.kind === 'starting')
        console.error(
          `• starting ${event.process} (${event.index + 1}/${event.total}) on port ${event.port}…`,
        );
      if (event.kind === 'healthy') console.error(`✓ ${event.process} healthy in ${event.ms} ms`);
    },
  });
  writeRunState({
    pattern,
    url: running.url,
    database: running.databases.map((d) => d.describe).join(', '),
    ownerPid: process.pid,
    startedAt: new Date().toISOString(),
    processes: running.processes.map((p) => ({ name: p.name, pid: p.child.pid ?? 0, port: p.port })),
  });

  // Resolves once everything is stopped: on Ctrl-C, on SIGTERM, or when a process dies on its own.
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (reason: string, code: number) => {
      if (stopping) return;
      stopping = true;
      console.error(`\n• ${reason}: stopping ${pattern}…`);
      await running.stop();
      removeRunState(pattern);
      console.error('✓ stopped, nothing left running');
      resolve(code);
    };
    process.on('SIGINT', () => void stop('Ctrl-C', 0));
    process.on('SIGTERM', () => void stop('SIGTERM', 0));
    for (const proc of running.processes) {
      void proc.exited.then((exit) => void stop(`${proc.name} exited (${exit})`, 1));
    }
    const ready = afterStart ? afterStart(running) : Promise.resolve();
    ready.then(
      () =>
        console.error(
          `\n${topology.title} is serving the Conduit API at ${running.url}/api  (Ctrl-C to stop)`,
        ),
      (error: unknown) => {
        console.error(`✗ ${(error as Error).message}`);
        void stop('start-up failed', 1);
      },
    );
  });
}
