import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import {
  connectControl,
  type DatabaseChoice,
  describeExit,
  followLogs,
  formatLogLine,
  type LogRecord,
  loadTopology,
  type ProcessStatus as OrchestratorStatus,
  type PatternSlug,
  type PublishedRun,
  publishRun,
  readLogTail,
  readRunState,
  runBench,
  runDeclaredExperiment,
  runnablePatterns,
  type Supervisor,
  saveBenchReport,
  startTopology,
  type TopologyControl,
} from '@journey/orchestrator';
import { codeFigures, comparePatterns, type PatternFigures } from '@journey/orchestrator/compare';
import type { Topology } from '@journey/topology';
import { type BrokerStatus, probeBroker } from './broker-probe.js';
import {
  LabConflict,
  type LabEvent,
  type LabPort,
  type LogLine,
  type PatternRun,
  type ProcessStatus,
  type RunState,
} from './lab-port.js';
import {
  type EdgeTraffic,
  edgeTraffic,
  ratesBetween,
  scrapeTraffic,
  type TrafficRates,
  type TrafficSample,
} from './traffic.js';

const WATCH_EVERY_MS = 1_000;
const KEPT_LOG_LINES = 200;

/** A topology this dashboard started: its supervisor, published (run state, control socket) for `journey ps|kill|…`. */
interface Owned {
  supervisor: Supervisor;
  published: PublishedRun;
}

interface Entry {
  state: Exclude<RunState, 'elsewhere'>;
  owned?: Owned;
  statuses: ProcessStatus[];
  logs: LogLine[];
  /** The log files of a `journey up` elsewhere, followed while that run lasts; stop() ends it. */
  following?: { ownerPid: number; stop(): void };
  error: string | null;
  /** Status probes started so far; see refresh(). */
  probes: number;
  /** The last traffic counts read from each process (by pid, so a restart starts afresh). */
  samples: Map<number, TrafficSample>;
  /** Requests per second on each http edge, from the last two samples. */
  edges: EdgeTraffic[];
  brokers: BrokerStatus[];
}

/**
 * The brokers this lab provisioned, probed, named after the topology's broker infrastructure (the
 * supervisor keeps them in that order). A `journey up` elsewhere does not publish its broker: none then.
 */
async function brokersOf(entry: Entry, infrastructure: Topology['infrastructure']): Promise<BrokerStatus[]> {
  const provisioned = entry.owned?.supervisor.brokers ?? [];
  const names = infrastructure.filter((i) => i.kind === 'broker').map((i) => i.name);
  return Promise.all(provisioned.map((broker, i) => probeBroker(names[i] ?? 'broker', broker)));
}

/** Each process's traffic since its previous sample, by process name; a process that did not answer is left out. */
async function trafficRates(entry: Entry, statuses: ProcessStatus[]): Promise<Map<string, TrafficRates>> {
  const rates = new Map<string, TrafficRates>();
  for (const status of statuses) {
    if (status.pid === null || status.port === null) continue;
    const sample = await scrapeTraffic(status.port);
    if (!sample) continue;
    rates.set(status.name, ratesBetween(entry.samples.get(status.pid), sample));
    entry.samples.set(status.pid, sample);
  }
  return rates;
}

const toStatus = (status: OrchestratorStatus): ProcessStatus => ({
  name: status.name,
  state: status.state,
  healthy: status.pid === null ? null : status.health.ok,
  healthDetail: status.pid === null ? null : status.health.detail,
  pid: status.pid,
  port: status.port,
  rssBytes: status.pid === null ? null : status.rssBytes,
  requestsPerSecond: null,
  restarts: status.restarts,
  exit: status.exit ? describeExit(status.exit) : null,
});

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
});

/** What a viewer would notice; RSS in whole MiB so memory jitter does not flood the event stream. */
const visible = (statuses: ProcessStatus[], edges: EdgeTraffic[], brokers: BrokerStatus[]) =>
  JSON.stringify([
    brokers.map((b) => ({
      ...b,
      logBytes: Math.round((b.logBytes ?? 0) / 2 ** 20),
      rssBytes: Math.round((b.rssBytes ?? 0) / 2 ** 20),
    })),
    statuses.map((s) => ({
      ...s,
      rssBytes: Math.round((s.rssBytes ?? 0) / 2 ** 20),
      requestsPerSecond: Math.round(s.requestsPerSecond ?? -1),
    })),
    edges.map((e) => Math.round(e.requestsPerSecond ?? -1)),
  ]);

/**
 * The dashboard's lab, over the orchestrator's supervisor: it starts topologies on the learner's
 * persistent data the way `journey up` does (run-state file and control socket included, so `journey ps`,
 * `kill` and `down` work on them from a terminal), and drives topologies a `journey up` started through
 * their control socket. Every running topology is probed once a second (health and RSS).
 */
export function createLocalLab(options: { db?: DatabaseChoice } = {}): LabPort {
  const db = options.db ?? 'sqlite';
  const events = new EventEmitter().setMaxListeners(0);
  const entries = new Map<PatternSlug, Entry>();
  const emit = (event: LabEvent) => events.emit('event', event);

  const entryOf = (pattern: PatternSlug): Entry => {
    let entry = entries.get(pattern);
    if (!entry) {
      entry = {
        state: 'stopped',
        statuses: [],
        logs: [],
        error: null,
        probes: 0,
        samples: new Map(),
        edges: [],
        brokers: [],
      };
      entries.set(pattern, entry);
    }
    return entry;
  };

  /** The run state file of a `journey up` in another process, if one owns the pattern. */
  const foreign = (pattern: PatternSlug) => {
    const state = readRunState(pattern);
    return state && state.ownerPid !== process.pid ? state : undefined;
  };

  const runOf = (pattern: PatternSlug): PatternRun => {
    const entry = entryOf(pattern);
    const elsewhere = !entry.owned && entry.state !== 'starting' ? foreign(pattern) : undefined;
    if (elsewhere) {
      return {
        pattern,
        state: 'elsewhere',
        url: elsewhere.url,
        database: elsewhere.database,
        processes: entry.statuses,
        edges: entry.edges,
        brokers: [],
        error: null,
      };
    }
    return {
      pattern,
      state: entry.state,
      url: entry.owned?.supervisor.url ?? null,
      database: entry.owned?.supervisor.databases.map((d) => d.describe).join(', ') ?? null,
      processes: entry.statuses,
      edges: entry.edges,
      brokers: entry.brokers,
      error: entry.error,
    };
  };
  const changed = (pattern: PatternSlug) => emit({ kind: 'run', run: runOf(pattern) });

  const keepLog = (entry: Entry, line: LogLine) => {
    entry.logs.push(line);
    if (entry.logs.length > KEPT_LOG_LINES) entry.logs.splice(0, entry.logs.length - KEPT_LOG_LINES);
    emit({ kind: 'log', ...line });
  };

  /**
   * A topology started by `journey up` in a terminal logs to files under its run dir, not to us: its
   * lines come from those files, as `journey logs --follow` reads them (the tail first, then each new
   * line), for as long as that run lasts.
   */
  const followForeignLogs = (pattern: PatternSlug) => {
    const entry = entryOf(pattern);
    const elsewhere = entry.owned ? undefined : foreign(pattern);
    if (entry.following && entry.following.ownerPid !== elsewhere?.ownerPid) {
      entry.following.stop();
      entry.following = undefined;
    }
    if (!elsewhere || entry.following) return;
    const logDir = join(elsewhere.runDir, 'logs');
    const processes = elsewhere.processes.map((p) => p.name);
    const toLine = (record: LogRecord): LogLine => ({
      pattern,
      process: record.process,
      line: formatLogLine(record.line),
    });
    entry.logs = readLogTail(logDir, processes, KEPT_LOG_LINES).map(toLine);
    entry.following = {
      ownerPid: elsewhere.ownerPid,
      stop: followLogs(logDir, processes, (record) => keepLog(entry, toLine(record))),
    };
  };

  /** Whoever runs the pattern now: this dashboard's supervisor or another process's control socket. */
  const controlOf = (pattern: PatternSlug): TopologyControl => {
    const { owned, state } = entryOf(pattern);
    if (owned && state === 'running') return owned.supervisor;
    const elsewhere = foreign(pattern);
    if (elsewhere) return connectControl(elsewhere);
    throw new LabConflict(`${pattern} is not running (${state})`);
  };

  const refresh = async (pattern: PatternSlug) => {
    const entry = entryOf(pattern);
    // A probe that began before a kill may answer after the kill's own refresh: only the newest counts.
    const generation = ++entry.probes;
    let statuses: ProcessStatus[] = [];
    let edges: EdgeTraffic[] = [];
    let brokers: BrokerStatus[] = [];
    try {
      if ((entry.owned && entry.state === 'running') || (!entry.owned && foreign(pattern))) {
        statuses = (await controlOf(pattern).status()).map(toStatus);
        const rates = await trafficRates(entry, statuses);
        for (const status of statuses) status.requestsPerSecond = rates.get(status.name)?.served ?? null;
        const topology = await loadTopology(pattern);
        edges = edgeTraffic(topology.edges, topology.processes, rates);
        brokers = await brokersOf(entry, topology.infrastructure);
      }
    } catch {
      // A topology that stopped between the check and the probe: shown as stopped on the next tick.
    }
    if (generation !== entry.probes || entry.state === 'stopping' || entry.state === 'starting') return;
    if (visible(statuses, edges, brokers) !== visible(entry.statuses, entry.edges, entry.brokers)) {
      entry.statuses = statuses;
      entry.edges = edges;
      entry.brokers = brokers;
      changed(pattern);
    }
  };

  /** The bench running now, if any: close() waits for it. */
  let benchInFlight: Promise<void> | undefined;

  let watching = false;
  const watcher = setInterval(() => {
    if (watching) return;
    watching = true;
    const patterns = runnablePatterns();
    for (const pattern of patterns) followForeignLogs(pattern);
    void Promise.all(patterns.map(refresh)).finally(() => {
      watching = false;
    });
  }, WATCH_EVERY_MS);

  const stopOwned = async (pattern: PatternSlug, entry: Entry, owned: Owned) => {
    entry.state = 'stopping';
    changed(pattern);
    try {
      await owned.supervisor.stop();
    } finally {
      await owned.published.close();
      entry.owned = undefined;
      entry.state = 'stopped';
      entry.statuses = [];
      entry.edges = [];
      entry.brokers = [];
      entry.samples.clear();
      changed(pattern);
    }
  };

  return {
    runOf,
    recentLogs(pattern) {
      followForeignLogs(pattern);
      return [...entryOf(pattern).logs];
    },

    async start(pattern, startOptions = {}) {
      const entry = entryOf(pattern);
      if (entry.state !== 'stopped' && entry.state !== 'failed')
        throw new LabConflict(`${pattern} is already ${entry.state}`);
      const elsewhere = foreign(pattern);
      if (elsewhere)
        throw new LabConflict(
          `${pattern} is already running under \`journey up\` (pid ${elsewhere.ownerPid}) at ${elsewhere.url}`,
        );
      const topology = await loadTopology(pattern);
      if (startOptions.workers !== undefined && !topology.processes.some((p) => p.workersEnv))
        throw new LabConflict(`${pattern} does not support --workers: its topology declares no workersEnv`);
      entry.state = 'starting';
      entry.error = null;
      entry.statuses = topology.processes.map((p) => notStarted(p.name));
      changed(pattern);
      const log = (name: string, raw: string, stream: 'stdout' | 'stderr') =>
        keepLog(entry, { pattern, process: name, line: formatLogLine(raw), stream });
      let supervisor: Supervisor;
      try {
        supervisor = await startTopology(topology, {
          db,
          fresh: false,
          port: startOptions.port,
          workers: startOptions.workers,
          broker: startOptions.broker,
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
            changed(pattern);
          },
        });
      } catch (error) {
        entry.state = 'failed';
        entry.error = (error as Error).message;
        entry.statuses = [];
        changed(pattern);
        throw error;
      }
      const owned: Owned = { supervisor, published: await publishRun(supervisor) };
      entry.owned = owned;
      entry.state = 'running';
      supervisor.on('state', () => {
        if (entry.owned === owned) void refresh(pattern);
      });
      // `journey down` in a terminal stops it through the control socket; the dashboard follows.
      void supervisor.stopped.then(() => {
        if (entry.owned === owned && entry.state === 'running') void stopOwned(pattern, entry, owned);
      });
      await refresh(pattern);
      changed(pattern);
      return runOf(pattern);
    },

    async stop(pattern) {
      const entry = entryOf(pattern);
      if (entry.owned && entry.state === 'running') await stopOwned(pattern, entry, entry.owned);
      else await controlOf(pattern).stop();
      await refresh(pattern);
      return runOf(pattern);
    },

    async kill(pattern, name) {
      await controlOf(pattern).kill(name, 'SIGKILL');
      await refresh(pattern);
      return runOf(pattern);
    },

    async restart(pattern, name) {
      await controlOf(pattern).restart(name);
      await refresh(pattern);
      return runOf(pattern);
    },

    async experiment(pattern, name, onEvent) {
      const run = runOf(pattern);
      if ((run.state !== 'running' && run.state !== 'elsewhere') || !run.url)
        throw new LabConflict(`start ${pattern} first: the experiment breaks the running copy`);
      return runDeclaredExperiment({
        topology: await loadTopology(pattern),
        name,
        url: run.url,
        control: controlOf(pattern),
        onEvent,
      });
    },

    async bench(pattern, settings, onProgress) {
      const running = runBench({ ...settings, patterns: [pattern], onProgress });
      benchInFlight = running.then(
        () => {},
        () => {},
      );
      const report = await running;
      return { report, file: saveBenchReport(report) };
    },

    async codeFigures(patterns, { unitTests, onProgress }) {
      if (unitTests) return (await comparePatterns({ patterns, onProgress })).patterns;
      const figures: PatternFigures[] = [];
      for (const pattern of patterns) figures.push({ pattern, ...(await codeFigures(pattern)) });
      return figures;
    },

    subscribe(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },

    async close() {
      clearInterval(watcher);
      // runBench cannot be cut short and its processes run in their own groups, so leaving none behind
      // means waiting for it (about half a minute with the dashboard's quick settings).
      await benchInFlight;
      for (const [pattern, entry] of entries) {
        entry.following?.stop();
        if (entry.owned && entry.state === 'running') await stopOwned(pattern, entry, entry.owned);
      }
    },
  };
}
