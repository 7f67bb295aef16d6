/**
 * What a process that runs units inside itself reports at its `hostedUnits` path (topology.ts): a
 * function runtime's functions, each with the instances it runs right now. The lab reads it for
 * `journey ps` and the diagram; the process measures it, so every figure is a real one.
 */
export interface HostedUnitsReport {
  /** The units, plural, as the learner reads them: `functions`. */
  unit: string;
  /** What runs them, in words: `serverless-offline (AWS Lambda, API Gateway HTTP API)`. */
  runtime: string;
  units: HostedUnit[];
  /** A monthly cost for the workload in the request's query (`?requestsPerMonth=N`), from these figures. */
  cost?: CostEstimate;
}

export interface HostedUnit {
  name: string;
  /** What invokes it: `http`, or the event it is subscribed to (`article-published`). */
  trigger: string;
  /** Instances alive now. */
  instances: number;
  /** The most instances alive at once since the process started. */
  peakInstances: number;
  invocations: number;
  coldStarts: number;
  /** Invocation latencies, in ms; null while there has been none of the kind. */
  cold: LatencyFigures | null;
  warm: LatencyFigures | null;
}

export interface LatencyFigures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** A platform's public price formula applied to a workload the learner picks. */
export interface CostEstimate {
  /** The workload in words: `1,000,000 requests a month, 38 ms average, 1024 MB`. */
  workload: string;
  rows: { platform: string; monthlyUsd: number; breakdown: string }[];
}
