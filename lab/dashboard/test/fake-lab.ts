import type { BenchReport, PatternExperimentOutcome, PatternSlug } from '@journey/orchestrator';
import type { CliPort } from '../src/server/cli-runs.js';
import type { BenchProgress, BenchSettings, LabPort, PatternRun } from '../src/server/lab-port.js';

/** A bench the recording lab has begun: the test reports its progress and finishes it. */
export interface BenchInFlight {
  progress: BenchProgress;
  finish(): void;
}

/** A load experiment the recording lab has begun: the test reports its progress and ends it. */
export interface LoadExperimentInFlight {
  pattern: PatternSlug;
  name: string;
  progress(message: string): void;
  finish(outcome: Omit<PatternExperimentOutcome, 'pattern' | 'name' | 'title' | 'db'>): void;
  signal: AbortSignal;
}

const benchReport = (pattern: PatternSlug, settings: BenchSettings): BenchReport => ({
  at: '2026-01-01T00:00:00.000Z',
  settings,
  machine: { cpus: 2, model: 'fake', node: process.version },
  rows: [
    {
      target: pattern,
      endpoint: 'GET /api/articles?limit=20',
      requestsPerSec: 1_000,
      p50Ms: 5,
      p99Ms: 20,
      peakRssBytes: 2 ** 27,
      processes: 1,
      failures: 0,
      total: 3_000,
    },
  ],
});

/** A lab that records what it was asked to do and runs nothing: for the server's own tests. */
export function recordingLab() {
  const calls: string[] = [];
  const benches: BenchInFlight[] = [];
  const loadExperiments: LoadExperimentInFlight[] = [];
  const run = (pattern: PatternSlug, state: PatternRun['state'] = 'stopped'): PatternRun => ({
    pattern,
    state,
    url: null,
    infrastructureDescribed: null,
    processes: [],
    edges: [],
    infrastructure: [],
    error: null,
  });
  const lab: LabPort = {
    // As `journey start --db postgres` would set it: the page offers it selected.
    defaultChoices: { database: 'postgres' },
    runOf: (pattern) => run(pattern),
    recentLogs: () => [],
    start: async (pattern, options = {}) => {
      const on = Object.entries(options.choices ?? {}).map(([kind, choice]) => ` ${kind}=${choice}`);
      calls.push(`start ${pattern}${on.join('')}`);
      return run(pattern, 'running');
    },
    stop: async (pattern) => {
      calls.push(`stop ${pattern}`);
      return run(pattern);
    },
    kill: async (pattern, process) => {
      calls.push(`kill ${pattern} ${process}`);
      return run(pattern, 'running');
    },
    restart: async (pattern, process) => {
      calls.push(`restart ${pattern} ${process}`);
      return run(pattern, 'running');
    },
    experiment: async (pattern, name) => {
      calls.push(`experiment ${pattern} ${name}`);
      throw new Error('the recording lab runs no experiments');
    },
    loadExperiment: (pattern, name, onProgress, signal) => {
      calls.push(`load experiment ${pattern} ${name}`);
      return new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        loadExperiments.push({
          pattern,
          name,
          progress: onProgress,
          finish: (outcome) => resolve({ pattern, name, title: name, db: 'postgres', ...outcome }),
          signal,
        });
      });
    },
    hostedUnits: async (pattern, requestsPerMonth) => {
      calls.push(`hosted units ${pattern}${requestsPerMonth === undefined ? '' : ` ${requestsPerMonth}`}`);
      return [
        { process: 'runtime', answer: { available: false, detail: 'the recording lab hosts nothing' } },
      ];
    },
    bench: (pattern, settings, onProgress) => {
      calls.push(`bench ${pattern}`);
      return new Promise((resolve) => {
        benches.push({
          progress: onProgress,
          finish: () => resolve({ report: benchReport(pattern, settings), file: `/fake/${pattern}.json` }),
        });
      });
    },
    codeFigures: async (patterns, { unitTests, onProgress }) => {
      calls.push(`code figures ${patterns.join(',')}${unitTests ? ' with unit tests' : ''}`);
      onProgress?.('running the unit tests');
      return patterns.map((pattern, i) => ({
        pattern,
        sources: ['src'],
        files: 10 + i,
        codeLines: 100 + i,
        structure: [],
        violations: 0,
        ...(unitTests && {
          unitTests: { files: [], tests: 3, passed: 3, failed: 0, skipped: 0, wallMs: 900, inTestsMs: 12 },
        }),
      }));
    },
    subscribe: () => () => {},
    close: async () => {},
  };
  return { lab, calls, benches, loadExperiments };
}

/** A command the recording CLI was asked to run: the test prints its lines and ends it. */
export interface CommandInFlight {
  args: string[];
  print(line: string): void;
  exit(code: number): void;
}

/** A CLI port that runs nothing: each command waits for the test to end it; close() ends the rest. */
export function recordingCli() {
  const commands: CommandInFlight[] = [];
  let closed = false;
  const cli: CliPort = {
    run: (args, onLine) =>
      new Promise((resolve) => {
        commands.push({
          args,
          print: (line) => onLine(line, 'stdout'),
          exit: (code) => resolve({ code, signal: null }),
        });
      }),
    close: async () => {
      closed = true;
      for (const command of commands) command.exit(143);
    },
  };
  return { cli, commands, isClosed: () => closed };
}
