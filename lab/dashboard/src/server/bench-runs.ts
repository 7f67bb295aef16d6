import { EventEmitter } from 'node:events';
import type { BenchReport, PatternSlug } from '@journey/orchestrator';
import { type BenchSettings, LabConflict, type LabPort } from './lab-port.js';

/**
 * What a click runs: two read rows and a write (so both floors, (b) and (c), show), one short round, a
 * small data set — about forty seconds, enough to see the pattern next to the baselines. `journey bench`
 * in a terminal is the place for careful figures.
 */
export const QUICK_BENCH: BenchSettings = {
  db: 'sqlite',
  only: ['list', 'article', 'publish'],
  rounds: 1,
  durationSec: 3,
  warmupSec: 1,
  connections: 10,
  users: 20,
  articles: 200,
};

export interface BenchRun {
  pattern: PatternSlug;
  settings: BenchSettings;
  state: 'running' | 'finished';
  /** One line per step (starting, seeding, each row measured). */
  progress: string[];
  /** Seeding progress while it seeds, else null. */
  seed: { done: number; total: number } | null;
  report: BenchReport | null;
  /** Where the report was saved (the history the compare view reads). */
  file: string | null;
  error: string | null;
}

export type BenchEvent = { kind: 'bench'; run: BenchRun };

/** Seed updates come per request; a twentieth of the way is often enough for a progress bar. */
const SEED_STEPS = 20;

/**
 * Bench runs started from the dashboard, one at a time across all patterns: two at once would load the
 * same cores and measure each other. Progress is published live.
 */
export function createBenchRuns(lab: LabPort) {
  const events = new EventEmitter().setMaxListeners(0);
  const latest = new Map<PatternSlug, BenchRun>();
  let current: BenchRun | undefined;
  const publish = (run: BenchRun) =>
    events.emit('event', {
      kind: 'bench',
      run: { ...run, progress: [...run.progress] },
    } satisfies BenchEvent);

  return {
    latest: (pattern: PatternSlug) => latest.get(pattern) ?? null,

    start(pattern: PatternSlug, settings: BenchSettings = QUICK_BENCH): BenchRun {
      if (current) throw new LabConflict(`a benchmark of ${current.pattern} is already running`);
      const run: BenchRun = {
        pattern,
        settings,
        state: 'running',
        progress: [],
        seed: null,
        report: null,
        file: null,
        error: null,
      };
      current = run;
      latest.set(pattern, run);
      publish(run);
      void lab
        .bench(pattern, settings, (message, seed) => {
          if (seed) {
            const step = (done: number) => Math.floor((done / Math.max(seed.total, 1)) * SEED_STEPS);
            const changed = !run.seed || step(run.seed.done) !== step(seed.done) || seed.done === seed.total;
            run.seed = seed;
            if (changed) publish(run);
            return;
          }
          run.seed = null;
          run.progress.push(message);
          publish(run);
        })
        .then(
          ({ report, file }) => {
            run.report = report;
            run.file = file;
          },
          (error: unknown) => {
            run.error = (error as Error).message;
          },
        )
        .finally(() => {
          run.state = 'finished';
          run.seed = null;
          current = undefined;
          publish(run);
        });
      return run;
    },

    subscribe(listener: (event: BenchEvent) => void) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
  };
}

export type BenchRuns = ReturnType<typeof createBenchRuns>;
