import { EventEmitter } from 'node:events';
import { formatFaultReport, type PatternSlug } from '@journey/orchestrator';
import type { CheckRecorder } from './check-recording.js';
import { runFlags } from './check-recording.js';
import { LabConflict, type LabPort } from './lab-port.js';

export interface ExperimentRun {
  pattern: PatternSlug;
  name: string;
  state: 'running' | 'finished';
  /** What happened so far, one line per phase change (`fault: killed app`). */
  progress: string[];
  /** The per-phase table `journey experiment` prints; null until finished. */
  report: string | null;
  /** The trade-off the outcome shows, from the topology file. */
  lesson: string | null;
  /** Where the outcome differed from the topology's prediction; empty when it held, null until finished. */
  mismatches: string[] | null;
  error: string | null;
}

export type ExperimentEvent = { kind: 'experiment'; run: ExperimentRun };

/**
 * A pattern's declared failure experiments, run one at a time against its running copy, progress
 * published live; each verdict is recorded as a run of `journey experiment <pattern> <name>`.
 */
export function createExperimentRuns(lab: LabPort, record: CheckRecorder) {
  const events = new EventEmitter().setMaxListeners(0);
  const latest = new Map<PatternSlug, ExperimentRun>();
  const publish = (run: ExperimentRun) =>
    events.emit('event', {
      kind: 'experiment',
      run: { ...run, progress: [...run.progress] },
    } satisfies ExperimentEvent);

  return {
    latest: (pattern: PatternSlug) => latest.get(pattern) ?? null,

    start(pattern: PatternSlug, name: string): ExperimentRun {
      if (latest.get(pattern)?.state === 'running')
        throw new LabConflict(`an experiment is already running against ${pattern}`);
      const run: ExperimentRun = {
        pattern,
        name,
        state: 'running',
        progress: [],
        report: null,
        lesson: null,
        mismatches: null,
        error: null,
      };
      latest.set(pattern, run);
      publish(run);
      // What the broken copy runs on, read before the fault can take it down.
      const flags = runFlags(lab.runOf(pattern));
      void lab
        .experiment(pattern, name, (event) => {
          run.progress.push(`${event.phase}: ${event.detail}`);
          publish(run);
        })
        .then(
          (outcome) => {
            run.report = formatFaultReport(outcome.report);
            run.lesson = outcome.spec.lesson;
            run.mismatches = outcome.mismatches;
            record({
              command: 'experiment',
              positionals: [pattern, name],
              flags,
              passed: outcome.mismatches.length === 0,
              detail:
                outcome.mismatches.length === 0
                  ? 'the outcome matches the prediction'
                  : `differs from the prediction: ${outcome.mismatches[0]}`,
            });
          },
          (error: unknown) => {
            run.error = (error as Error).message;
          },
        )
        .finally(() => {
          run.state = 'finished';
          publish(run);
        });
      return run;
    },

    subscribe(listener: (event: ExperimentEvent) => void) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
  };
}

export type ExperimentRuns = ReturnType<typeof createExperimentRuns>;
