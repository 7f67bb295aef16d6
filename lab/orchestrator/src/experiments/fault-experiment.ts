import { setTimeout as wait } from 'node:timers/promises';
import { ConduitClient } from '@journey/conformance';
import { CAPABILITIES, type Capability } from '@journey/topology';
import { Agent } from 'undici';
import type { Fault, FaultControl } from './faults/index.js';
import { type Outcome, type PhaseFigures, summarise, type Verdict, verdictOf } from './phase-figures.js';
import { emptyLedger, type ProbeFixture, probes } from './probes.js';
import { auditUntilConverged, readStoredWrites, type WriteAudit } from './write-audit.js';

export const PHASES = ['steady', 'fault', 'recovered'] as const;
export type Phase = (typeof PHASES)[number];

/** The moments between phases, when the fault is being injected or lifted. */
type Transition = 'injecting' | 'recovering';
const isMeasured = (phase: Phase | Transition): phase is Phase =>
  (PHASES as readonly string[]).includes(phase);

export interface ExperimentEvent {
  phase: Phase | Transition;
  detail: string;
}

export interface FaultExperimentOptions {
  /** Base URL of the running topology's public API (without `/api`). */
  baseUrl: string;
  /** Injected at the start of the fault phase, lifted at its end. */
  fault: Fault;
  controls: FaultControl;
  phaseMs?: Partial<Record<Phase, number>>;
  /** A probe request with no complete answer after this long counts as hung. Default 5 s. */
  probeTimeoutMs?: number;
  /** Longest wait, after the fault is lifted, for every capability to answer again. Default 30 s. */
  recoveryLimitMs?: number;
  /** Longest wait, after the run, for the read side to show every acknowledged write. Default 30 s. */
  convergenceLimitMs?: number;
  onEvent?: (event: ExperimentEvent) => void;
  /** Ends the run early: the probes stop, an injected fault is lifted, and the run rejects with the reason. */
  signal?: AbortSignal;
}

export interface FaultReport {
  /** How the phase with the fault is titled (`with app killed`), and the one after it (`after the restart`). */
  during: string;
  afterwards: string;
  figures: Record<Phase, Record<Capability, PhaseFigures>>;
  verdicts: Record<Phase, Record<Capability, Verdict>>;
  /** How long lifting the fault took (a restart until healthy again). */
  liftMs: number;
  /** From lifting the fault until every request that worked before it answered 2xx again; undefined if it never did. */
  recoveryMs: number | undefined;
  /** The probes' writes as stored afterwards, against what the probes were told. */
  writes: WriteAudit & { articles: number; comments: number };
  /** From the end of the run until the read side showed every acknowledged write; undefined if it never did. */
  convergedMs: number | undefined;
  /** What only this fault can tell (`3 answers lost on the way back`). */
  findings: string[];
  /** Where the run failed to show what its fault is about. */
  faultProblems: string[];
}

const DEFAULT_PHASE_MS: Record<Phase, number> = { steady: 3_000, fault: 5_000, recovered: 3_000 };
// Keeps the probe load steady and modest: the experiment observes the topology, it does not benchmark it.
const PAUSE_BETWEEN_REQUESTS_MS = 10;

/** Waits `ms`, cut short by the run's signal (with its reason) when it has one. */
const sleep = (ms: number, signal?: AbortSignal) =>
  wait(ms, undefined, { signal }).catch((error: unknown) => {
    throw signal?.aborted ? signal.reason : error;
  });

/**
 * Runs steady probe traffic against every capability, injects a fault, lifts it, and reports per
 * phase what each capability did — the lab's way of showing which failures a topology contains —
 * then reads back every write the probes made.
 */
export async function runFaultExperiment(options: FaultExperimentOptions): Promise<FaultReport> {
  const phaseMs = { ...DEFAULT_PHASE_MS, ...options.phaseMs };
  const dispatcher = new Agent({ connect: { timeout: 1_000 }, keepAliveTimeout: 1_000 });
  const { fault } = options;
  const client = new ConduitClient(await fault.probeUrl(options.baseUrl), {
    dispatcher,
    requestTimeoutMs: options.probeTimeoutMs ?? 5_000,
  });
  try {
    const fixture = await prepareFixture(client);
    const ledger = emptyLedger();
    const outcomes = new Map<Phase, Map<Capability, Outcome[]>>(
      PHASES.map((phase) => [phase, new Map(CAPABILITIES.map((c) => [c, []]))]),
    );
    let phase: Phase | Transition = 'steady';
    let running = true;
    // Every request (`GET /api/user`) that answered 2xx before the fault, and those that have since it
    // was lifted: recovered means each works again, not one request per capability (a publish may
    // succeed while reading articles still fails).
    const workedBefore = new Set<string>();
    let workedSinceLift: Set<string> | undefined;

    const lane = async (probe: (typeof probes)[number], laneIndex: number) => {
      for (let sequence = laneIndex; running; sequence += probe.lanes) {
        const startedIn = phase;
        const started = performance.now();
        const outcome = await probe
          .run(client, fixture, ledger, sequence)
          .then((reply) => {
            const answered = classifyStatus(reply.status, performance.now() - started);
            if (answered.kind === 'ok')
              (phase === 'steady' ? workedBefore : workedSinceLift)?.add(reply.request);
            return answered;
          })
          .catch((error: unknown) => classifyFailure(error, performance.now() - started));
        // A request in flight while a fault is injected or lifted belongs to neither side: left out.
        if (startedIn === phase && isMeasured(phase))
          outcomes.get(phase)!.get(probe.capability)!.push(outcome);
        await sleep(PAUSE_BETWEEN_REQUESTS_MS);
      }
    };
    const lanes = probes.flatMap((probe) => Array.from({ length: probe.lanes }, (_, i) => lane(probe, i)));

    const enter = (next: Phase | Transition, detail: string) => {
      phase = next;
      options.onEvent?.({ phase: next, detail });
    };
    let liftMs: number;
    let recoveryMs: number | undefined;
    const { signal } = options;
    let injected = false;
    // A fault that fails to go in or out (a command exiting non-zero) ends the run: the probes stop with it.
    try {
      enter('steady', `probing ${CAPABILITIES.join(', ')}`);
      await sleep(phaseMs.steady, signal);
      enter('injecting', fault.injecting);
      await fault.inject(options.controls);
      injected = true;
      enter('fault', fault.during);
      await sleep(phaseMs.fault, signal);

      enter('recovering', fault.lifting);
      const liftedAt = performance.now();
      injected = false;
      await fault.lift(options.controls);
      liftMs = Math.round(performance.now() - liftedAt);
      const answeringAgain = new Set<string>();
      workedSinceLift = answeringAgain;
      recoveryMs = await waitUntil(
        () => [...workedBefore].every((request) => answeringAgain.has(request)),
        options.recoveryLimitMs ?? 30_000,
        signal,
      ).then((ok) => (ok ? Math.round(performance.now() - liftedAt) : undefined));
      enter(
        'recovered',
        recoveryMs === undefined
          ? 'did not recover'
          : `fault lifted in ${liftMs} ms, every request answering again after ${recoveryMs} ms`,
      );
      await sleep(phaseMs.recovered, signal);
    } finally {
      running = false;
      await Promise.all(lanes);
      // A run stopped during the fault still lifts it: a process it killed in a running copy restarts.
      if (injected) await fault.lift(options.controls);
    }

    const figures = mapPhases((p, c) => summarise(outcomes.get(p)!.get(c)!));
    const { audit, convergedMs } = await auditUntilConverged(
      () => readStoredWrites(client, fixture),
      ledger,
      options.convergenceLimitMs ?? 30_000,
    );
    return {
      during: fault.during,
      afterwards: fault.afterwards,
      figures,
      verdicts: mapPhases((p, c) => verdictOf(figures[p][c])),
      liftMs,
      recoveryMs,
      writes: { ...audit, articles: ledger.articles.size, comments: ledger.comments.size },
      convergedMs,
      findings: fault.findings(),
      faultProblems: fault.problems(),
    };
  } finally {
    await client.close();
    await dispatcher.close();
  }
}

async function prepareFixture(client: ConduitClient): Promise<ProbeFixture> {
  const run = Date.now().toString(36);
  const account = async (name: string) => {
    const username = `${name}${run}`;
    const reply = await client.register({
      username,
      email: `${username}@experiment.test`,
      password: 'experiment-pw',
    });
    const token = (reply.body as { user?: { token?: string } } | undefined)?.user?.token;
    if (reply.status !== 201 || !token)
      throw new Error(`experiment set-up: registering ${username} answered ${reply.status} ${reply.text}`);
    return { username, token };
  };
  const author = await account('author');
  const reader = await account('reader');
  const published = await client.createArticle(author.token, {
    title: `Fault experiment ${run}`,
    description: 'what breaks under a fault',
    body: 'Probed while its topology is broken on purpose.',
    tagList: ['experiment'],
  });
  const slug = (published.body as { article?: { slug?: string } } | undefined)?.article?.slug;
  if (published.status !== 201 || !slug)
    throw new Error(`experiment set-up: publishing answered ${published.status} ${published.text}`);
  const follow = await client.follow(reader.token, author.username);
  if (follow.status !== 200) throw new Error(`experiment set-up: following answered ${follow.status}`);
  return { author, reader, slug, run };
}

function classifyStatus(status: number, ms: number): Outcome {
  if (status >= 200 && status < 300) return { kind: 'ok', ms };
  if (status === 503) return { kind: 'unavailable', ms };
  return { kind: 'error-status', status, ms };
}

function classifyFailure(error: unknown, ms: number): Outcome {
  const code = ((error as Error).cause as { code?: string } | undefined)?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
    ? { kind: 'timeout', ms }
    : { kind: 'no-answer', ms };
}

async function waitUntil(condition: () => boolean, limitMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = performance.now() + limitMs;
  while (performance.now() < deadline) {
    if (condition()) return true;
    await sleep(50, signal);
  }
  return condition();
}

function mapPhases<T>(
  value: (phase: Phase, capability: Capability) => T,
): Record<Phase, Record<Capability, T>> {
  return Object.fromEntries(
    PHASES.map((p) => [p, Object.fromEntries(CAPABILITIES.map((c) => [c, value(p, c)]))]),
  ) as Record<Phase, Record<Capability, T>>;
}
