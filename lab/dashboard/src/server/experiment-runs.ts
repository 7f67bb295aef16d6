import { EventEmitter } from 'node:events';
import { formatFaultReport, type PatternSlug } from '@journey/orchestrator';
import type { CheckRecorder } from './check-recording.js';
import { runFlags } from './check-recording.js';
import { LabConflict, type LabPort } from './lab-port.js';

/**
 * `fault`: declared in topology.ts, breaks the running copy under probe load. `load`: declared in
 * pattern.ts, puts a load on fresh copies of its own (a cold-start storm, a connection limit).
 */
export type ExperimentKind = 'fault' | 'load';

export interface ExperimentRun {
  pattern: PatternSlug;
  name: string;
  kind: ExperimentKind;
  state: 'running' | 'finished';
  /** What happened so far, one line per phase change (`fault: killed app`) or progress line. */
  progress: string[];
  /** The figures: the per-phase table `journey experiment` prints, or the load experiment's text; null until finished. */
  report: string | null;
  /** The trade-off the outcome shows. */
  lesson: string | null;
  /** Whether the outcome is what the design predicts; null until finished or when the run failed. */
  held: boolean | null;
  /** One line: the verdict as recorded. */
  verdict: string | null;
  /** Where a fault experiment's outcome differed from the prediction; null for a load experiment or until finished. */
  mismatches: string[] | null;
  /** A load experiment's figures as JSON. */
  figures: unknown;
  error: string | null;
}

export type ExperimentEvent = { kind: 'experiment'; run: ExperimentRun };

/** What finished a run: its figures, lesson and verdict, and the flags its record carries. */
interface Finished {
  report: string;
  lesson: string;
  held: boolean;
  verdict: string;
  mismatches: string[] | null;
  figures: unknown;
  flags: Record<string, string>;
}

/**
 * A pattern's declared experiments, one at a time per pattern, progress published live; each verdict
 * is recorded as a run of `journey experiment <pattern> <name>`. A fault experiment breaks the
 * running copy; a load experiment starts copies of its own and is stopped when the dashboard closes.
 */
export function createExperimentRuns(lab: LabPort, record: CheckRecorder) {
  const events = new EventEmitter().setMaxListeners(0);
  const latest = new Map<PatternSlug, ExperimentRun>();
  const inFlight = new Set<{ controller: AbortController; done: Promise<void> }>();
  const publish = (run: ExperimentRun) =>
    events.emit('event', {
      kind: 'experiment',
      run: { ...run, progress: [...run.progress] },
    } satisfies ExperimentEvent);

  const faultRun = async (run: ExperimentRun): Promise<Finished> => {
    // What the broken copy runs on, read before the fault can take it down.
    const flags = runFlags(lab.runOf(run.pattern));
    const outcome = await lab.experiment(run.pattern, run.name, (event) => {
      run.progress.push(`${event.phase}: ${event.detail}`);
      publish(run);
    });
    const held = outcome.mismatches.length === 0;
    return {
      report: formatFaultReport(outcome.report),
      lesson: outcome.spec.lesson,
      held,
      verdict: held
        ? 'the outcome matches the prediction'
        : `differs from the prediction: ${outcome.mismatches[0]}`,
      mismatches: outcome.mismatches,
      figures: null,
      flags,
    };
  };

  const loadRun = async (run: ExperimentRun, signal: AbortSignal): Promise<Finished> => {
    const outcome = await lab.loadExperiment(
      run.pattern,
      run.name,
      (message) => {
        run.progress.push(message);
        publish(run);
      },
      signal,
    );
    return {
      report: outcome.text,
      lesson: outcome.lesson,
      held: outcome.held,
      verdict: outcome.verdict,
      mismatches: null,
      figures: outcome.figures ?? null,
      flags: { db: outcome.db },
    };
  };

  return {
    latest: (pattern: PatternSlug) => latest.get(pattern) ?? null,

    start(pattern: PatternSlug, name: string, kind: ExperimentKind = 'fault'): ExperimentRun {
      if (latest.get(pattern)?.state === 'running')
        throw new LabConflict(`an experiment is already running against ${pattern}`);
      const run: ExperimentRun = {
        pattern,
        name,
        kind,
        state: 'running',
        progress: [],
        report: null,
        lesson: null,
        held: null,
        verdict: null,
        mismatches: null,
        figures: null,
        error: null,
      };
      latest.set(pattern, run);
      publish(run);
      const controller = new AbortController();
      const work = kind === 'load' ? loadRun(run, controller.signal) : faultRun(run);
      const done = work
        .then(
          ({ flags, ...finished }) => {
            Object.assign(run, finished);
            record({
              command: 'experiment',
              positionals: [pattern, name],
              flags,
              passed: finished.held,
              detail: finished.verdict,
            });
          },
          (error: unknown) => {
            run.error = (error as Error).message;
          },
        )
        .finally(() => {
          run.state = 'finished';
          publish(run);
          inFlight.delete(flight);
        });
      const flight = { controller, done };
      inFlight.add(flight);
      return run;
    },

    subscribe(listener: (event: ExperimentEvent) => void) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },

    /** Stops the load experiments under way (their copies with them) and waits for every run to end. */
    async close() {
      const flights = [...inFlight];
      for (const { controller } of flights) controller.abort(new Error('the dashboard is closing'));
      await Promise.all(flights.map(({ done }) => done));
    },
  };
}

export type ExperimentRuns = ReturnType<typeof createExperimentRuns>;
