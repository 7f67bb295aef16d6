import { CAPABILITIES, type ExperimentSpec, type Topology } from '@journey/topology';
import { type DeclaredExperimentOptions, runExperiment } from '../experiments/declared-experiment.js';
import type { FaultReport } from '../experiments/fault-experiment.js';
import type { FaultSetting } from '../experiments/faults/fault.js';
import { requireHaproxy } from '../experiments/faults/haproxy-relay.js';
import { infrastructureServer } from '../experiments/faults/infrastructure-server.js';
import { requireNamespaceTools } from '../experiments/faults/network-namespace.js';
import { type ChaosRun, saveRun } from '../results/index.js';
import { availabilityDuring, checkClaims, deriveHypothesis, type Hypothesis } from './hypothesis.js';
import { checkInvariants } from './invariants.js';
import { type ChaosRequest, faultFor } from './vocabulary.js';

export interface ChaosOptions extends Omit<DeclaredExperimentOptions, 'name' | 'phaseMs'> {
  request: ChaosRequest;
  /** How long the fault lasts; 5 s unless told (`away --seconds N`). */
  faultSeconds?: number;
  /** Shorter steady and recovered phases (tests). */
  phaseMs?: { steady?: number; recovered?: number };
  /** Called with the hypothesis before anything starts. */
  onHypothesis?: (hypothesis: Hypothesis) => void;
  /** Keep the run with saveRun('chaos'); the default. */
  save?: boolean;
}

export interface ChaosOutcome {
  hypothesis: Hypothesis;
  report: FaultReport;
  run: ChaosRun;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * One chaos experiment: the hypothesis stated first, from the topology; then the fault under probe
 * load (the lab's fault experiment); then the claims and the invariants checked, and the verdict —
 * confirmed when both held — kept with the run's figures.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosOutcome> {
  const { topology, request } = options;
  await refuseEarly(request, { topology, choices: options.start?.choices ?? {} });
  const hypothesis = deriveHypothesis(topology, request);
  options.onHypothesis?.(hypothesis);
  const faultSeconds = options.faultSeconds ?? 5;
  const { report } = await runExperiment(chaosSpec(topology, request), {
    ...options,
    phaseMs: { ...options.phaseMs, fault: faultSeconds * 1_000 },
  });
  const claims = checkClaims(hypothesis, report);
  // away and drop cut the open connections to the target's server as they begin.
  const invariants = checkInvariants(report, { severs: request.kind === 'away' || request.kind === 'drop' });
  const failed = [...claims, ...invariants].find((check) => !check.held);
  const fault = report.figures.fault;
  const run: ChaosRun = {
    pattern: topology.id,
    fault: { kind: request.kind, target: request.target, ...settingsOf(request) },
    hypothesis: hypothesis.statement,
    availabilityDuring: round(availabilityDuring(report) * 1000) / 1000,
    p50DuringMs: round(Math.max(...CAPABILITIES.map((c) => fault[c].p50Ms))),
    p99DuringMs: round(Math.max(...CAPABILITIES.map((c) => fault[c].p99Ms))),
    invariants,
    claims,
    reached: hypothesis.reached,
    faultSeconds,
    capabilities: Object.fromEntries(
      CAPABILITIES.map((c) => [
        c,
        {
          availability: fault[c].requests === 0 ? 0 : round((fault[c].ok / fault[c].requests) * 1000) / 1000,
          p50Ms: round(fault[c].p50Ms),
          p99Ms: round(fault[c].p99Ms),
          verdict: report.verdicts.fault[c],
        },
      ]),
    ),
    verdict: failed ? 'refuted' : 'confirmed',
    ...(failed && { because: `${failed.name}: ${failed.detail}` }),
  };
  if (options.save !== false) saveRun('chaos', run);
  return { hypothesis, report, run };
}

/**
 * What refuses the fault as asked — a choice with no server to stand in front of, a program missing —
 * found before the hypothesis is stated: a run that cannot happen does not first say what it would show.
 */
async function refuseEarly(request: ChaosRequest, setting: FaultSetting): Promise<void> {
  if (request.kind === 'kill') return;
  await infrastructureServer(request.target, setting);
  if (request.kind === 'latency' || request.kind === 'drop') requireHaproxy();
  if (request.kind === 'drop') requireNamespaceTools();
}

function settingsOf(request: ChaosRequest): Record<string, unknown> {
  const { kind, target: _target, ...settings } = request;
  const fault = faultFor(request);
  if (kind === 'latency' && fault.kind === 'latency') return { ...settings, ms: fault.ms };
  if (kind === 'drop' && fault.kind === 'drop') return { ...settings, share: fault.share };
  if (kind === 'kill' && fault.kind === 'kill') return { ...settings, signal: fault.signal };
  return settings;
}

/** The chaos fault as an experiment the lab's runner takes; its prediction is the hypothesis's claims. */
function chaosSpec(topology: Topology, request: ChaosRequest): ExperimentSpec {
  return {
    name: `chaos-${request.kind}-${request.target}`,
    title: `${request.kind} ${request.target} on ${topology.id}`,
    fault: faultFor(request),
    expect: {},
    lesson: '',
  };
}
