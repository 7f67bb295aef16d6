import { CAPABILITIES, type ExperimentSpec, type Topology } from '@journey/topology';
import { withSwitchFor } from '../topology-options.js';
import { type StartOptions, startTopology } from '../topology-runner.js';
import {
  type ExperimentEvent,
  type FaultReport,
  type Phase,
  runFaultExperiment,
} from './fault-experiment.js';
import { type FaultControl, prepareFault } from './faults/index.js';

export class UnknownExperimentError extends Error {
  constructor(
    readonly pattern: string,
    readonly experiment: string,
    readonly choices: readonly string[],
  ) {
    super(
      choices.length === 0
        ? `${pattern} declares no experiments`
        : `${pattern} has no experiment "${experiment}"`,
    );
    this.name = 'UnknownExperimentError';
  }
}

export function findExperiment(topology: Topology, name: string): ExperimentSpec {
  const experiments = topology.experiments ?? [];
  const found = experiments.find((e) => e.name === name);
  if (!found)
    throw new UnknownExperimentError(
      topology.id,
      name,
      experiments.map((e) => e.name),
    );
  return found;
}

export interface ExperimentOutcome {
  spec: ExperimentSpec;
  report: FaultReport;
  /** Where what happened differs from what the topology predicts; empty when the prediction held. */
  mismatches: string[];
}

/**
 * Checks a run against its prediction: healthy before the fault, each predicted behaviour during it,
 * everything answering again after it, no acknowledged write lost, no error answered for a write that
 * was stored, no write stored twice, and what the fault itself must show.
 */
export function judge(spec: ExperimentSpec, report: FaultReport): string[] {
  const mismatches: string[] = [];
  const expectEverywhere = (phase: Phase, when: string) => {
    for (const capability of CAPABILITIES) {
      const verdict = report.verdicts[phase][capability];
      if (verdict !== 'kept working')
        mismatches.push(`${capability} ${when}: ${verdict}, expected kept working`);
    }
  };
  expectEverywhere('steady', 'before the fault');
  for (const [capability, expected] of Object.entries(spec.expect)) {
    const verdict = report.verdicts.fault[capability as keyof typeof spec.expect];
    if (verdict !== expected)
      mismatches.push(`${capability} during the fault: ${verdict}, expected ${expected}`);
  }
  if (report.recoveryMs === undefined)
    mismatches.push(`not every request that worked before the fault answered again ${report.afterwards}`);
  else expectEverywhere('recovered', report.afterwards);
  for (const write of report.writes.lost) mismatches.push(`lost after an acknowledgement: ${write}`);
  for (const write of report.writes.committedDespiteError)
    mismatches.push(`answered with an error but stored: ${write}`);
  for (const write of report.writes.duplicated) mismatches.push(`stored more than once: ${write}`);
  mismatches.push(...report.faultProblems);
  return mismatches;
}

/** A copy of the topology that is already running (`journey up`, the dashboard's). */
export interface RunningCopy {
  /** Base URL of its public API (without `/api`). */
  url: string;
  control: FaultControl;
}

export interface DeclaredExperimentOptions {
  topology: Topology;
  name: string;
  /**
   * The copy to break. Without one — or when the fault must sit between processes and their
   * infrastructure, which a running copy was not started for — the lab starts a fresh copy of its own.
   */
  running?: RunningCopy;
  /** Where the pattern's `pattern.ts` is (the commands a fault runs): `patterns/<id>` unless told. */
  patternFolder?: string;
  /** How a copy the lab starts runs; its `choices` also tell the fault what the copy runs on. */
  start?: Omit<StartOptions, 'fresh' | 'servers'>;
  /** Called before the lab starts a copy of its own, saying why. */
  onOwnCopy?: (reason: string) => void;
  phaseMs?: Partial<Record<Phase, number>>;
  onEvent?: (event: ExperimentEvent) => void;
  /** Ends the run early (Ctrl-C): the fault is lifted, the copy stopped and the run rejects with the reason. */
  signal?: AbortSignal;
}

/** Runs one of a topology's declared experiments and judges the outcome. */
export const runDeclaredExperiment = (options: DeclaredExperimentOptions): Promise<ExperimentOutcome> =>
  runExperiment(findExperiment(options.topology, options.name), options);

/** Runs an experiment the topology need not declare (`journey chaos` builds its own) and judges it. */
export async function runExperiment(
  spec: ExperimentSpec,
  options: Omit<DeclaredExperimentOptions, 'name'>,
): Promise<ExperimentOutcome> {
  const start = options.start ?? {};
  const fault = await prepareFault(spec.fault, {
    topology: options.topology,
    choices: start.choices ?? {},
    patternFolder: options.patternFolder,
  });
  try {
    const own =
      options.running === undefined || fault.servers !== undefined
        ? await startOwnCopy(options, fault.servers)
        : undefined;
    try {
      const copy = own ? { url: own.url, control: own } : options.running!;
      const report = await runFaultExperiment({
        baseUrl: copy.url,
        fault,
        controls: copy.control,
        phaseMs: options.phaseMs,
        onEvent: options.onEvent,
        signal: options.signal,
      });
      return { spec, report, mismatches: judge(spec, report) };
    } finally {
      await own?.stop();
    }
  } finally {
    await fault.close();
  }
}

function startOwnCopy(
  options: Omit<DeclaredExperimentOptions, 'name'>,
  servers: Record<string, string> | undefined,
) {
  options.onOwnCopy?.(
    options.running === undefined
      ? 'no copy is running'
      : 'this fault sits between the processes and their infrastructure, so it needs a copy started behind it (the running one is left alone)',
  );
  const database = options.start?.choices?.database;
  return startTopology(options.topology, {
    ...(options.signal && { signal: options.signal }),
    ...options.start,
    // A database named for every pattern alike (the lab's tests) comes with the switch it needs here.
    ...(database !== undefined && {
      options: withSwitchFor(options.topology, database, options.start?.options),
    }),
    servers,
    fresh: true,
  });
}
