import { EventEmitter } from 'node:events';
import {
  type CheckResult,
  listChecks,
  type OfficialSuiteProgress,
  runConformance,
  runOfficialSuite,
} from '@journey/conformance';
import type { PatternSlug } from '@journey/orchestrator';
import { LabConflict } from './lab-port.js';

export interface OfficialRun {
  state: 'waiting' | 'running' | 'finished';
  requests: number;
  assertions: number;
  failedAssertions: number;
  scriptErrors: number;
  /** Readable lines: `request name: assertion — message`. */
  failures: string[];
}

export interface ConformanceRun {
  pattern: PatternSlug;
  baseUrl: string;
  state: 'running' | 'finished';
  startedAt: string;
  /** Every check in run order, so a viewer can list the pending ones. */
  checks: Array<{ area: string; name: string }>;
  results: CheckResult[];
  passed: number;
  failed: number;
  /** The official RealWorld Postman collection, run after our suite. */
  official: OfficialRun;
  /** What the copy runs on, as `journey test` flags: `{ db: 'sqlite' }`; the run is recorded with them. */
  flags: Record<string, string>;
  /** Whether both suites passed, as recorded; null until finished. */
  contractPassed: boolean | null;
}

export type ConformanceEvent = { kind: 'conformance'; run: ConformanceRun };

/**
 * Where a finished run's verdict goes: the learner's progress store, as a run of `journey test` (both
 * suites, as the CLI runs them), so it earns the checkpoints a terminal's run would.
 */
export type ContractRecorder = (run: {
  pattern: PatternSlug;
  flags: Record<string, string>;
  passed: boolean;
  detail: string;
}) => void;

/**
 * Both suites against the copy the learner has running: our conformance suite (the runConformance
 * `journey test` uses) with each check published as it lands, then the official Postman collection
 * (runOfficialSuite, also as in `journey test`). One run per pattern at a time.
 */
export function createConformanceRuns(record: ContractRecorder) {
  const events = new EventEmitter().setMaxListeners(0);
  const latest = new Map<PatternSlug, ConformanceRun>();
  const publish = (run: ConformanceRun) =>
    events.emit('event', { kind: 'conformance', run: snapshot(run) } satisfies ConformanceEvent);

  const execute = async (run: ConformanceRun) => {
    await runConformance({
      baseUrl: run.baseUrl,
      onResult: (result) => {
        run.results.push(result);
        if (result.ok) run.passed++;
        else run.failed++;
        publish(run);
      },
    });
    run.official.state = 'running';
    publish(run);
    const progress = (p: Omit<OfficialSuiteProgress, 'item'>) => {
      run.official = { ...run.official, ...pick(p) };
      publish(run);
    };
    const official = await runOfficialSuite({ baseUrl: run.baseUrl, onProgress: progress });
    run.official = { ...pick(official), state: 'finished', failures: official.failures };
  };

  return {
    latest: (pattern: PatternSlug) => {
      const run = latest.get(pattern);
      return run ? snapshot(run) : null;
    },

    /** Starts both suites and returns at once; the outcome arrives as events and through latest(). */
    start(pattern: PatternSlug, baseUrl: string, flags: Record<string, string> = {}): ConformanceRun {
      if (latest.get(pattern)?.state === 'running')
        throw new LabConflict(`the conformance suite is already running against ${pattern}`);
      const run: ConformanceRun = {
        pattern,
        baseUrl,
        state: 'running',
        startedAt: new Date().toISOString(),
        checks: listChecks(),
        results: [],
        passed: 0,
        failed: 0,
        official: {
          state: 'waiting',
          requests: 0,
          assertions: 0,
          failedAssertions: 0,
          scriptErrors: 0,
          failures: [],
        },
        flags,
        contractPassed: null,
      };
      latest.set(pattern, run);
      publish(run);
      void execute(run)
        .catch((error: unknown) => {
          // Each suite turns its own failures into results; this is a runner failing to run at all.
          run.results.push({
            area: 'runner',
            name: 'the suites run to the end',
            ok: false,
            error: (error as Error).message,
            durationMs: 0,
          });
          run.failed++;
        })
        .finally(() => {
          const o = run.official;
          run.contractPassed =
            o.state === 'finished' && run.failed === 0 && o.failedAssertions === 0 && o.scriptErrors === 0;
          const passed = run.passed + o.assertions - o.failedAssertions;
          const failed = run.failed + o.failedAssertions + o.scriptErrors;
          // The line `journey test` ends with, so both read alike in `journey roadmap`.
          record({
            pattern,
            flags,
            passed: run.contractPassed,
            detail: `${passed} passed, ${failed} failed`,
          });
          run.state = 'finished';
          publish(run);
        });
      return snapshot(run);
    },

    subscribe(listener: (event: ConformanceEvent) => void) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
  };
}

export type ConformanceRuns = ReturnType<typeof createConformanceRuns>;

const pick = (p: Omit<OfficialSuiteProgress, 'item'>) => ({
  requests: p.requests,
  assertions: p.assertions,
  failedAssertions: p.failedAssertions,
  scriptErrors: p.scriptErrors,
});

const snapshot = (run: ConformanceRun): ConformanceRun => ({
  ...run,
  results: [...run.results],
  official: { ...run.official },
});
