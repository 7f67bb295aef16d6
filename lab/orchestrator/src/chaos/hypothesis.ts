import { CAPABILITIES, type Capability, type ExpectedBehaviour, type Topology } from '@journey/topology';
import type { FaultReport } from '../experiments/fault-experiment.js';
import type { InvariantCheck } from '../results/index.js';
import {
  type ChaosRequest,
  DEFAULT_DROP_SHARE,
  DEFAULT_LATENCY_MS,
  onTheSameServer,
  reachedProcesses,
} from './vocabulary.js';

/** One thing the hypothesis says will be seen during the fault, checked against the run. */
export interface Claim {
  claim: string;
  check(report: FaultReport): { held: boolean; detail: string };
}

export interface Hypothesis {
  /** In one sentence, before the run starts. */
  statement: string;
  /** The processes the fault reaches, by the topology's edges. */
  reached: string[];
  /** derived from the edges, or stated by the topology (`chaos` in topology.ts). */
  source: 'derived' | 'topology';
  claims: Claim[];
}

const duringFault = (report: FaultReport) => Object.values(report.figures.fault);
const availability = (report: FaultReport) => {
  const all = duringFault(report);
  const requests = all.reduce((sum, f) => sum + f.requests, 0);
  return requests === 0 ? 0 : all.reduce((sum, f) => sum + f.ok, 0) / requests;
};
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

const noneHangs: Claim = {
  claim: 'no capability hangs (every probe gets an answer within 5 s)',
  check(report) {
    const hung = CAPABILITIES.filter((c) => report.verdicts.fault[c] === 'hung');
    return { held: hung.length === 0, detail: hung.length === 0 ? 'none hung' : `hung: ${hung.join(', ')}` };
  },
};

const behaves = (expect: Partial<Record<Capability, ExpectedBehaviour>>): Claim[] =>
  Object.entries(expect).map(([capability, expected]) => ({
    claim: `${capability}: ${expected}`,
    check(report) {
      const seen = report.verdicts.fault[capability as Capability];
      return { held: seen === expected, detail: `${capability} ${seen}` };
    },
  }));

const availabilityAtLeast = (share: number): Claim => ({
  claim: `at least ${percent(share)} of probe requests answered 2xx during the fault`,
  check(report) {
    const seen = availability(report);
    return { held: seen >= share, detail: `${percent(seen)} answered 2xx` };
  },
});

const someKeepWorking: Claim = {
  claim: 'the failure stays contained: at least one capability keeps working',
  check(report) {
    const working = CAPABILITIES.filter((c) => report.verdicts.fault[c] === 'kept working');
    return {
      held: working.length > 0,
      detail: working.length > 0 ? `kept working: ${working.join(', ')}` : 'every capability was hit',
    };
  },
};

const feltBy = (what: string): Claim => ({
  claim: `the fault is felt: fewer than 100% of requests answered 2xx (${what})`,
  check(report) {
    const seen = availability(report);
    return { held: seen < 1, detail: `${percent(seen)} answered 2xx` };
  },
});

// A capability with no request inside the fault (one lane, each request now seconds long) says nothing.
const measuredDuringFault = (report: FaultReport) =>
  CAPABILITIES.filter((c) => report.figures.fault[c].requests > 0);
const p50Change = (report: FaultReport, c: Capability) =>
  `${c} ${Math.round(report.figures.steady[c].p50Ms)} → ${Math.round(report.figures.fault[c].p50Ms)} ms`;

// Every request reaching the target makes one round trip to it or more, so its median is at least the delay.
const slowerBy = (ms: number): Claim => ({
  claim: `every capability slows down: p50 during the fault ≥ ${ms} ms, and above its p50 before`,
  check(report) {
    const measured = measuredDuringFault(report);
    const short = measured
      .filter((c) => {
        const [before, during] = [report.figures.steady[c].p50Ms, report.figures.fault[c].p50Ms];
        return during < ms || during <= before;
      })
      .map((c) => p50Change(report, c));
    const unmeasured = CAPABILITIES.filter((c) => !measured.includes(c));
    return {
      held: measured.length > 0 && short.length === 0,
      detail:
        measured.length === 0
          ? 'no request was measured during the fault'
          : short.length > 0
            ? `not slowed enough: ${short.join(', ')}`
            : `every p50 rose that far${unmeasured.length > 0 ? ` (no request measured: ${unmeasured.join(', ')})` : ''}`,
    };
  },
});

/**
 * Nothing waits on the target: a request that did would be at least `ms` slower, so each p50 must
 * stay under twice its p50 before plus half the delay — relative to the run's own figures, generous
 * to a noisy machine, and still far short of the delay.
 */
const keepsItsSpeed = (ms: number): Claim => ({
  claim: `answers keep their speed: each p50 during the fault stays under twice its p50 before + ${ms / 2} ms (half the delay)`,
  check(report) {
    const measured = measuredDuringFault(report);
    const slowed = measured
      .filter((c) => report.figures.fault[c].p50Ms >= report.figures.steady[c].p50Ms * 2 + ms / 2)
      .map((c) => p50Change(report, c));
    return {
      held: measured.length > 0 && slowed.length === 0,
      detail:
        measured.length === 0
          ? 'no request was measured during the fault'
          : slowed.length > 0
            ? `slowed: ${slowed.join(', ')}`
            : 'no p50 rose that far',
    };
  },
});

/**
 * What the lab expects of a chaos fault, from the topology: which processes it reaches through the
 * edges, and so whether the public process — every capability — is behind it. A topology that knows
 * better (a cache answering while the database is away) states its own expectation, which wins.
 */
export function deriveHypothesis(topology: Topology, request: ChaosRequest): Hypothesis {
  const reached = reachedProcesses(topology, request);
  const publicProcess = topology.processes.find((p) => p.public)!.name;
  const everything = reached.includes(publicProcess);
  const stated = (topology.chaos ?? []).find((e) => e.kind === request.kind && e.target === request.target);
  const through = `${reached.join(', ') || 'no process'}`;
  if (stated)
    return {
      statement: `${topology.id} says: ${stated.because}`,
      reached,
      source: 'topology',
      claims: [...behaves(stated.expect), noneHangs],
    };
  // A fault in front of a server reaches every piece on it: said, so four services' databases on one
  // PostgreSQL are not mistaken for four servers.
  const shared = request.kind === 'kill' ? [] : onTheSameServer(topology, request.target);
  const target =
    shared.length > 1
      ? `${request.target}'s server (shared with ${shared.filter((n) => n !== request.target).join(', ')})`
      : request.target;
  const apart =
    reached.length === 0
      ? `no process waits on ${target} (what reaches it is asynchronous)`
      : `${target} is waited on by ${through}, which the public process does not wait on`;
  switch (request.kind) {
    case 'kill': {
      const signal = request.signal ?? 'SIGKILL';
      if (request.target === publicProcess)
        return {
          statement: `${target} answers every request: with it killed (${signal}) every capability is down, with no answer, until it restarts`,
          reached,
          source: 'derived',
          claims: behaves(Object.fromEntries(CAPABILITIES.map((c) => [c, 'down (no answer)']))),
        };
      return {
        statement: everything
          ? `${target} is called by ${reached.filter((name) => name !== target).join(', ')}: what needs it fails fast while the rest keeps working`
          : `nothing waits on ${target}'s answers: every capability keeps working while it is down`,
        reached,
        source: 'derived',
        claims: everything
          ? [noneHangs, someKeepWorking]
          : behaves(Object.fromEntries(CAPABILITIES.map((c) => [c, 'kept working']))),
      };
    }
    case 'latency': {
      const ms = request.ms ?? DEFAULT_LATENCY_MS;
      return {
        statement: everything
          ? `every request reaches ${target} (through ${through}) at least once: each capability keeps answering, at least ${ms} ms slower`
          : `${apart}: answers keep their speed`,
        reached,
        source: 'derived',
        claims: everything
          ? [availabilityAtLeast(0.99), noneHangs, slowerBy(ms)]
          : [availabilityAtLeast(0.99), keepsItsSpeed(ms)],
      };
    }
    case 'drop': {
      const share = request.share ?? DEFAULT_DROP_SHARE;
      return {
        statement: `${percent(share)} of new connections to ${target} are dropped and its open ones cut; the kernel resends a dropped SYN and its clients reconnect, so at most that share of requests fails and none hangs`,
        reached,
        source: 'derived',
        claims: [availabilityAtLeast(1 - share), noneHangs],
      };
    }
    case 'away':
      return {
        statement: everything
          ? `${target} is behind every capability (through ${through}): requests needing it fail while it is away — quickly, with an error, not hanging — and all recover when it is back`
          : `${apart}: every capability keeps working`,
        reached,
        source: 'derived',
        claims: everything
          ? [feltBy(`${target} away`), noneHangs]
          : behaves(Object.fromEntries(CAPABILITIES.map((c) => [c, 'kept working']))),
      };
  }
}

export const checkClaims = (hypothesis: Hypothesis, report: FaultReport): InvariantCheck[] =>
  hypothesis.claims.map((claim) => ({ name: claim.claim, ...claim.check(report) }));

export const availabilityDuring = availability;
