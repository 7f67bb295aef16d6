import { CAPABILITIES, type ExperimentSpec, type Topology } from '@journey/topology';
import type { TopologyControl } from '../supervisor.js';
import {
  type ExperimentEvent,
  type FaultReport,
  type Phase,
  runFaultExperiment,
} from './fault-experiment.js';

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
 * everything answering again after the restart, and no acknowledged write lost.
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
    mismatches.push('not every capability answered again after the restart');
  else expectEverywhere('recovered', 'after the restart');
  for (const write of report.lost) mismatches.push(`lost after an acknowledgement: ${write}`);
  return mismatches;
}

export interface DeclaredExperimentOptions {
  topology: Topology;
  name: string;
  /** Base URL of the topology's public API (without `/api`). */
  url: string;
  control: Pick<TopologyControl, 'kill' | 'restart'>;
  phaseMs?: Partial<Record<Phase, number>>;
  onEvent?: (event: ExperimentEvent) => void;
}

/** Runs one of a topology's declared experiments against a running copy of it and judges the outcome. */
export async function runDeclaredExperiment(options: DeclaredExperimentOptions): Promise<ExperimentOutcome> {
  const spec = findExperiment(options.topology, options.name);
  const report = await runFaultExperiment({
    baseUrl: options.url,
    kill: spec.kill,
    controls: options.control,
    phaseMs: options.phaseMs,
    onEvent: options.onEvent,
  });
  return { spec, report, mismatches: judge(spec, report) };
}
