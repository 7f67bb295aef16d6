import {
  formatLogLine,
  loadTopology,
  type PatternSlug,
  publishRun,
  type Supervisor,
  startTopology,
} from '@journey/orchestrator';
import { LabConflict, type ProcessStatus, type StartChoices } from '../lab-port.js';
import type { Entry, LabEntries, Owned } from './lab-entries.js';
import { keepLog } from './log-streaming.js';
import { foreignRun, runChanged } from './run-adoption.js';
import { refreshStatus } from './status-probes.js';

const notStarted = (name: string): ProcessStatus => ({
  name,
  state: 'stopped',
  healthy: null,
  healthDetail: null,
  pid: null,
  port: null,
  rssBytes: null,
  requestsPerSecond: null,
  restarts: 0,
  exit: null,
  hostedUnits: null,
  traffic: null,
});

/**
 * Starts the pattern's topology on the learner's persistent data the way `journey up` does, run-state
 * file and control socket included, so `journey ps`, `kill` and `down` work on it from a terminal.
 */
export async function startOwned(lab: LabEntries, pattern: PatternSlug, options: StartChoices = {}) {
  const entry = lab.entryOf(pattern);
  if (entry.state !== 'stopped' && entry.state !== 'failed')
    throw new LabConflict(`${pattern} is already ${entry.state}`);
  const elsewhere = foreignRun(pattern);
  if (elsewhere)
    throw new LabConflict(
      `${pattern} is already running under \`journey up\` (pid ${elsewhere.ownerPid}) at ${elsewhere.url}`,
    );
  const topology = await loadTopology(pattern);
  if (options.workers !== undefined && !topology.processes.some((p) => p.workersEnv))
    throw new LabConflict(`${pattern} does not support --workers: its topology declares no workersEnv`);
  entry.state = 'starting';
  entry.error = null;
  entry.statuses = topology.processes.map((p) => notStarted(p.name));
  runChanged(lab, pattern);
  const log = (name: string, raw: string, stream: 'stdout' | 'stderr') =>
    keepLog(lab, entry, { pattern, process: name, line: formatLogLine(raw), stream });
  let supervisor: Supervisor;
  try {
    supervisor = await startTopology(topology, {
      choices: options.choices,
      fresh: false,
      port: options.port,
      workers: options.workers,
      log,
      logFiles: true,
      onEvent: (event) => {
        if (event.kind === 'provisioned') return;
        entry.statuses = entry.statuses.map((s) =>
          s.name !== event.process
            ? s
            : event.kind === 'starting'
              ? { ...s, state: 'starting', port: event.port }
              : { ...s, state: 'running', healthy: true },
        );
        runChanged(lab, pattern);
      },
    });
  } catch (error) {
    entry.state = 'failed';
    entry.error = (error as Error).message;
    entry.statuses = [];
    runChanged(lab, pattern);
    throw error;
  }
  const owned: Owned = { supervisor, published: await publishRun(supervisor) };
  entry.owned = owned;
  entry.state = 'running';
  supervisor.on('state', () => {
    if (entry.owned === owned) void refreshStatus(lab, pattern);
  });
  // `journey down` in a terminal stops it through the control socket; the dashboard follows.
  void supervisor.stopped.then(() => {
    if (entry.owned === owned && entry.state === 'running') void stopOwned(lab, pattern, entry, owned);
  });
  await refreshStatus(lab, pattern);
  runChanged(lab, pattern);
}

/** Stops a topology this dashboard started and withdraws its run-state file and control socket. */
export async function stopOwned(lab: LabEntries, pattern: PatternSlug, entry: Entry, owned: Owned) {
  entry.state = 'stopping';
  runChanged(lab, pattern);
  try {
    await owned.supervisor.stop();
  } finally {
    await owned.published.close();
    entry.owned = undefined;
    entry.state = 'stopped';
    entry.statuses = [];
    entry.edges = [];
    entry.infrastructure = [];
    entry.samples.clear();
    runChanged(lab, pattern);
  }
}
