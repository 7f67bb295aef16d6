import type {
  BenchOptions,
  BenchReport,
  ExperimentEvent,
  ExperimentOutcome,
  HostedUnitsAnswer,
  PatternExperimentOutcome,
  PatternSlug,
  TrafficAnswer,
} from '@journey/orchestrator';
import type { PatternFigures } from '@journey/orchestrator/compare';
import type { InfrastructureStatus } from './infrastructure-probe.js';
import type { EdgeTraffic } from './traffic.js';

export type { EdgeTraffic, InfrastructureStatus };

/**
 * What the dashboard needs from the lab, in one place: run a pattern's topology, watch its processes,
 * break and mend them. The routes only see this interface, so the web and the CLI drive the same
 * orchestrator functions and a fake can stand in for it in the server's own tests.
 */

/**
 * The process's life as the lab sees it: starting → running → exited (died or killed, stays down until
 * restarted), or stopping → stopped. `unknown`: a `journey up` elsewhere owns it and this lab does not watch it.
 */
export type ProcessState = 'starting' | 'running' | 'exited' | 'stopping' | 'stopped' | 'unknown';

export interface ProcessStatus {
  name: string;
  state: ProcessState;
  /** What its health path answered at the last probe; null when it was not probed (not running). */
  healthy: boolean | null;
  /** The probe's answer in words, e.g. `HTTP 200` or `ECONNREFUSED`. */
  healthDetail: string | null;
  pid: number | null;
  port: number | null;
  /** Its plaintext admin port, where the lab probes it, when it declares one (a meshed pod's sidecar). */
  adminPort?: number;
  rssBytes: number | null;
  /** Requests served per second since the previous probe, from the process's /metrics; null when unknown. */
  requestsPerSecond: number | null;
  restarts: number;
  /** How the process ended (exit code or signal), once it has. */
  exit: string | null;
  /**
   * What it answered at its hosted-units path at the last probe (a function runtime's functions and
   * their live instances); null when it declares none or is not running.
   */
  hostedUnits: HostedUnitsAnswer | null;
  /**
   * What it answered at its traffic path at the last probe (a mesh's control plane reading its
   * proxies: per edge and per proxy), or why there is none (it is down); null when it declares none.
   */
  traffic: TrafficAnswer | null;
}

/** A hosting process's report for a monthly workload the learner picked (its cost rows). */
export interface HostedUnitsOfProcess {
  process: string;
  answer: HostedUnitsAnswer;
}

/**
 * `elsewhere`: a `journey up` in a terminal owns this pattern; the dashboard shows it but leaves it
 * alone, because stopping or killing someone else's processes from a browser would be a surprise.
 */
export type RunState = 'stopped' | 'starting' | 'running' | 'stopping' | 'elsewhere' | 'failed';

export interface PatternRun {
  pattern: PatternSlug;
  state: RunState;
  /** Base URL of the public Conduit API (without `/api`), while running. */
  url: string | null;
  /**
   * Where its infrastructure lives, as `journey up` prints it: every piece this lab provisioned, or
   * the databases a `journey up` elsewhere wrote in its run-state file.
   */
  infrastructureDescribed: string | null;
  processes: ProcessStatus[];
  /** Requests per second on each request/response edge of the topology while it runs (empty while stopped). */
  edges: EdgeTraffic[];
  /** Every piece of its infrastructure, probed while this lab runs it (empty otherwise). */
  infrastructure: InfrastructureStatus[];
  /** Why the last start failed. */
  error: string | null;
}

export interface LogLine {
  pattern: PatternSlug;
  process: string;
  line: string;
  /** Unknown for the lines of a `journey up` elsewhere: its log files do not keep it. */
  stream?: 'stdout' | 'stderr';
}

/** A bench run's load settings; the pattern comes from the page it was started on. */
export type BenchSettings = Omit<BenchOptions, 'patterns' | 'onProgress'>;
export type BenchProgress = NonNullable<BenchOptions['onProgress']>;

export interface StartChoices {
  port?: number;
  workers?: number;
  /** Per infrastructure kind, which implementation runs it (`{ broker: 'nats' }`); the lab's default otherwise. */
  choices?: Readonly<Record<string, string>>;
}

export type LabEvent = { kind: 'run'; run: PatternRun } | ({ kind: 'log' } & LogLine);

export interface LabPort {
  /** What a start picks for a kind its request leaves out, where the lab was told (the dashboard's `--db`). */
  readonly defaultChoices: Readonly<Record<string, string>>;
  runOf(pattern: PatternSlug): PatternRun;
  /** The last log lines of the pattern's processes, oldest first, for a page opened after they were written. */
  recentLogs(pattern: PatternSlug): LogLine[];
  /**
   * Starts the topology on the learner's persistent data; `port` pins the public process (else a free
   * one), `workers` runs that many copies of it on that port (topologies that declare `workersEnv`),
   * `choices` picks, per kind of infrastructure the topology declares, what runs it.
   */
  start(pattern: PatternSlug, options?: StartChoices): Promise<PatternRun>;
  stop(pattern: PatternSlug): Promise<PatternRun>;
  /** SIGKILL to the process's group: the crash a failure experiment needs, with no chance to clean up. */
  kill(pattern: PatternSlug, process: string): Promise<PatternRun>;
  /** Stops the process if it still runs, then starts it again on its port and waits until it is healthy. */
  restart(pattern: PatternSlug, process: string): Promise<PatternRun>;
  /** Runs one of the topology's declared failure experiments against the running copy and judges it. */
  experiment(
    pattern: PatternSlug,
    name: string,
    onEvent: (event: ExperimentEvent) => void,
  ): Promise<ExperimentOutcome>;
  /**
   * Runs one of the load experiments the pattern's pattern.ts declares, on fresh copies of its own
   * (the running one is left alone), on the lab's default database or the topology's.
   */
  loadExperiment(
    pattern: PatternSlug,
    name: string,
    onProgress: (message: string) => void,
    signal: AbortSignal,
  ): Promise<PatternExperimentOutcome>;
  /**
   * Asks each process of the running pattern that hosts units for its report, priced for
   * `requestsPerMonth` when given; a process that does not answer is "unavailable", never an error.
   */
  hostedUnits(pattern: PatternSlug, requestsPerMonth?: number): Promise<HostedUnitsOfProcess[]>;
  /**
   * `journey bench` for one pattern: a fresh copy of its own (the running one is left alone), the
   * baselines, then the report saved where the CLI keeps its history. Resolves to the report and its file.
   */
  bench(
    pattern: PatternSlug,
    settings: BenchSettings,
    onProgress: BenchProgress,
  ): Promise<{ report: BenchReport; file: string }>;
  /**
   * `journey compare`'s figures without its bench: read from the code alone (under a second per
   * pattern), or with the declared unit tests run too (a vitest child process: seconds).
   */
  codeFigures(
    patterns: PatternSlug[],
    options: { unitTests: boolean; onProgress?: (message: string) => void },
  ): Promise<PatternFigures[]>;
  subscribe(listener: (event: LabEvent) => void): () => void;
  /** Stops everything this lab started. */
  close(): Promise<void>;
}

/** A request the lab refuses in its current state (start while running, kill an unknown process): HTTP 409/404. */
export class LabConflict extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409 = 409,
  ) {
    super(message);
    this.name = 'LabConflict';
  }
}
