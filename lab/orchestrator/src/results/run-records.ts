/**
 * What `journey compare` and `journey chaos` measured, as stored for later: the dashboard's charts and
 * each pattern's trade-off card are drawn from the latest of these, never from prose.
 */

/** One pattern under the compare workload. Figures a pattern cannot have (cold start outside serverless) are absent. */
export interface WorkloadFigures {
  pattern: string;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Non-2xx answers and failed requests over all requests, 0…1. */
  errorRate: number;
  /** Calls answered in the measured window. */
  requests?: number;
  /** What this pattern's database ran on (`sqlite`, `postgres`): each topology's default unless the run named one. */
  database?: string;
  processes: number;
  /** Sum of every process's resident memory at the end of the load, bytes. */
  totalRssBytes: number;
  /** Network hops one request crosses on average (client → gateway → service counts 2). */
  hopsPerRequest: number;
  /** `traces`: averaged over the requests traced in the window; `topology`: its deepest call chain, when nothing was traced. */
  hopsMethod?: 'traces' | 'topology';
  /** The traces the hops were averaged over, when counted from traces. */
  hopsTraces?: number;
  /** Serverless: first request to a cold instance. */
  coldStartMs?: number;
  /** Event-driven: from a write's acknowledgement until the read side shows it, p50. */
  propagationLagMs?: number;
  linesOfCode: number;
  /** What ships separately: processes with their own image and lifecycle, functions for serverless. */
  deployableUnits: number;
}

export interface CompareRun {
  /** The command line that made the run (`journey compare all --duration 10`), quoted by the trade-off cards. */
  command?: string;
  /** The workload's settings, as given (shape, users, duration…), so two runs can be told apart. */
  workload: Record<string, unknown>;
  database: string;
  patterns: WorkloadFigures[];
}

export interface InvariantCheck {
  /** `no acknowledged write lost`, `read models converged`, `counts exact`. */
  name: string;
  held: boolean;
  detail: string;
}

/** One chaos experiment on one pattern: what was predicted, what happened, and whether the invariants held. */
export interface ChaosRun {
  /** The command line that made the run (`journey chaos monolith kill app`), quoted by the trade-off cards. */
  command?: string;
  pattern: string;
  /** The fault in the lab's one vocabulary: kill, latency, drop, away. */
  fault: { kind: string; target: string; [setting: string]: unknown };
  hypothesis: string;
  /** 2xx answers over all probe requests during the fault, 0…1. */
  availabilityDuring: number;
  p99DuringMs: number;
  invariants: InvariantCheck[];
  /** confirmed: the system did what the hypothesis said and every invariant held. */
  verdict: 'confirmed' | 'refuted';
  /** Why, in one line, when refuted. */
  because?: string;
  /** What the hypothesis said would be seen during the fault, each checked. */
  claims?: InvariantCheck[];
  /** The processes the fault reaches through the topology's edges. */
  reached?: string[];
  /** How long the fault lasted, seconds. */
  faultSeconds?: number;
  p50DuringMs?: number;
  /** Per capability during the fault: share of 2xx, latency, and what it did (`kept working`, `hung`…). */
  capabilities?: Record<string, { availability: number; p50Ms: number; p99Ms: number; verdict: string }>;
}
