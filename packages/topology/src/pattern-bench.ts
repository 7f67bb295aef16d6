import type { RunningPattern } from './running-pattern.js';

/**
 * A bench only one pattern has (event-driven's publish → feeds lag), declared in its `pattern.ts` and
 * run by `journey bench <slug>` after the shared rows. The lab hands it what only the lab has: the run's
 * settings, the values of the flags the bench declared, a way to start the pattern's topology and a
 * progress line; the bench measures and returns what it found.
 */
export type PatternBench = (context: PatternBenchContext) => Promise<PatternBenchResult>;

export interface PatternBenchContext {
  /** The settings of this `journey bench` run. */
  settings: { db: string; durationSec: number; rounds: number };
  /**
   * The value of a flag the bench declares (`option('rate')` for `--rate`), or its default when not
   * given; throws for a flag the bench does not declare.
   */
  option(name: string): number;
  /** The brokers to measure on: the one `--broker` names, else every broker the lab provides. */
  brokers: readonly string[];
  /** Starts the pattern's topology on fresh data, on the run's database and the given broker. */
  startTopology(infrastructure: { broker?: string }): Promise<BenchTopology>;
  /** One line of progress on the terminal (stderr), not part of the result. */
  progress(message: string): void;
}

export interface BenchTopology extends RunningPattern {
  stop(): Promise<void>;
}

export interface PatternBenchResult {
  /** The table or lines `journey bench` prints. */
  text: string;
  /** The figures, as JSON, kept in the bench report file beside the shared rows. */
  figures?: unknown;
}
