import {
  describeExit,
  formatLogLine,
  publishRun,
  readRunState,
  type Supervisor,
  startTopology,
} from '@journey/orchestrator/runtime';
import { topologyOptionsHelp } from '../help.js';
import {
  brokerArg,
  explicitDbArg,
  integerArg,
  parseWithTopologyOptions,
  patternArg,
  topologyOptionValues,
  UsageError,
  withWayRound,
} from '../usage.js';
import { reportStartup } from './up-startup-report.js';

export const upOptions = {
  db: { type: 'string' },
  port: { type: 'string' },
  workers: { type: 'string' },
  broker: { type: 'string' },
  help: { type: 'boolean' },
} as const;

/**
 * Starts a pattern with its persistent data, prints where it serves and streams its logs. A process
 * that dies stays down (`journey restart` brings it back) while the rest keeps serving; Ctrl-C,
 * SIGTERM or `journey down` stop everything.
 */
export async function up(args: string[]): Promise<number> {
  const { values, positionals, topologyOf } = await parseWithTopologyOptions(args, upOptions, 'up');
  const pattern = patternArg(positionals[0], 'up');
  const topology = topologyOf(pattern);
  if (values.help) {
    console.log(topologyOptionsHelp(topology, 'up'));
    return 0;
  }
  const workers = integerArg('workers', values.workers, 1, 1, 64);
  const broker = brokerArg(values.broker, topology);
  const db = explicitDbArg(values.db);
  const options = topologyOptionValues(values, topology, { database: db, broker });
  if (values.workers !== undefined && !topology.processes.some((p) => p.workersEnv)) {
    throw new UsageError(`journey up: pattern "${pattern}" does not support --workers`);
  }
  // Before anything starts: a second run would truncate the first one's log files.
  const already = readRunState(pattern);
  if (already) {
    throw new Error(
      `${pattern} is already running at ${already.url} (journey up, pid ${already.ownerPid}); stop it with: journey down ${pattern}`,
    );
  }
  // Ctrl-C or SIGTERM while processes are still starting aborts the start-up, which stops what started.
  const startUp = new AbortController();
  let supervisor: Supervisor | undefined;
  let stopRequested = false;
  const stop = (reason: string) => {
    if (stopRequested) return;
    stopRequested = true;
    console.error(`\n• ${reason}: stopping ${pattern}…`);
    if (supervisor) void supervisor.stop();
    else startUp.abort(new Error(`${reason} during start-up`));
  };
  process.on('SIGINT', () => stop('Ctrl-C'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  try {
    supervisor = await startTopology(topology, {
      db,
      broker,
      options,
      port: integerArg('port', values.port, 3000, 0, 65_535),
      workers,
      fresh: false,
      logFiles: true,
      signal: startUp.signal,
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
  } catch (error) {
    if (!startUp.signal.aborted) throw withWayRound(error, topology);
    console.error('✓ stopped, nothing left running');
    return 0;
  }
  const running = supervisor;
  running.on('state', (p) => {
    if (p.state === 'exited' && p.exit)
      console.error(
        `✗ ${p.name} exited (${describeExit(p.exit)}) and stays down until: journey restart ${pattern} ${p.name}`,
      );
    if (p.state === 'running' && p.restarts > 0)
      console.error(`✓ ${p.name} is healthy again (restarts: ${p.restarts})`);
    if (p.state === 'stopped') console.error(`• ${p.name} stopped`);
  });
  const published = await publishRun(running).catch(async (error: unknown) => {
    await running.stop();
    throw error;
  });

  console.error(
    `\n${topology.title} is serving the Conduit API at ${running.url}/api  (Ctrl-C to stop; ` +
      `from another terminal: journey ps|logs|kill|restart|down ${pattern})`,
  );

  void reportStartup(running);

  // Whoever stops it: Ctrl-C, SIGTERM, or `journey down` through the control socket.
  await running.stopped;
  await published.close();
  console.error('✓ stopped, nothing left running');
  return 0;
}
