import type { BenchTopology } from './pattern-bench.js';

/**
 * An experiment only one pattern has and whose question is not "what breaks when a part fails"
 * (those are `experiments` of topology.ts, run by the lab's fault machinery) but "what does this
 * load do to the system": a cold-start storm, a connection limit. Declared in `pattern.ts`, run by
 * `journey experiment <slug> <name>` and the dashboard like any other, and recorded with its verdict.
 */
export type PatternExperiment = (context: PatternExperimentContext) => Promise<PatternExperimentResult>;

export interface PatternExperimentContext {
  /** The database choice of this run (`sqlite`, `postgres`): an experiment may refuse one it cannot show anything on. */
  settings: { db: string };
  /**
   * Starts the pattern's topology on fresh data with the topology options given (`{ platform: 'aws' }`)
   * and extra environment for every process (`{ DATABASE_POOL_MAX: '2' }`), on the run's database.
   */
  startTopology(request?: {
    options?: Readonly<Record<string, string>>;
    env?: Readonly<Record<string, string>>;
  }): Promise<BenchTopology>;
  /** One line of progress on the terminal (stderr) or the dashboard, not part of the result. */
  progress(message: string): void;
  /** Aborted when the learner stops the run; the experiment stops what it started and rejects. */
  signal?: AbortSignal;
}

export interface PatternExperimentResult {
  /** Whether the outcome is what the pattern's design predicts. */
  held: boolean;
  /** One line: the verdict, recorded with the run (`50 calls, 5 instances, 5 connections: held`). */
  verdict: string;
  /** The figures as a table or lines, printed before the verdict. */
  text: string;
  /** The trade-off the outcome shows, printed after. */
  lesson: string;
  /** The figures as JSON, for the dashboard. */
  figures?: unknown;
}
