import { dataDir } from '@journey/platform';
import { STAGE_SLUGS } from '@journey/roadmap';
import type { MachineInfo } from './machine.js';
import { type StoredRun, storedRuns } from './results-store.js';
import type { ChaosRun, CompareRun, WorkloadFigures } from './run-records.js';

/**
 * A pattern's trade-off card: its figures from the latest compare run that measured it, each placed
 * among the other patterns of that same run, and the latest chaos verdict of each fault kind — with
 * when, on which machine and by which command, and what has not been measured yet. Only stored runs
 * fill it: a card never carries a figure from prose.
 */
export interface TradeOffCard {
  pattern: string;
  compare: CardCompare | null;
  /** The latest run of each fault kind on the pattern, in the vocabulary's order. */
  chaos: CardChaos[];
  /** What is not measured yet, each with the command that measures it. */
  missing: Array<{ what: string; command: string }>;
  /** What a reader should know before comparing the figures (runs from different machines…). */
  notes: string[];
}

export interface CardMeasurement {
  at: string;
  machine: MachineInfo;
  /** `2026-12-07 14:03 UTC` */
  when: string;
  /** `host (AMD EPYC 7B13, 2 cores, 7.8 GiB, linux 6.1.0 x64, Node v20.19.0)` */
  on: string;
  command: string;
}

export interface CardCompare extends CardMeasurement {
  workload: Record<string, unknown>;
  /** `shape balanced, users 20`: the workload's settings in a line; empty when it stored none. */
  workloadShown: string;
  database: string;
  /** The patterns measured in the same run: the ranks are among these. */
  patterns: string[];
  /** The pattern the figures are divided by (`timesReference`): the roadmap's first stage. */
  reference: string;
  /** Set when a newer compare run left this pattern out: the time of the newest one. */
  newerRunWithout?: string;
  figures: CardFigure[];
}

export type FigureKey =
  | 'requestsPerSecond'
  | 'p99Ms'
  | 'errorRate'
  | 'totalRssBytes'
  | 'processes'
  | 'hopsPerRequest'
  | 'deployableUnits'
  | 'linesOfCode'
  | 'coldStartMs'
  | 'propagationLagMs';

export interface CardFigure {
  key: FigureKey;
  label: string;
  value: number;
  /** The value with its unit: `2,350 req/s`, `39 ms`, `0.12 %`, `182 MiB`. */
  shown: string;
  /** Rank 1 is the most throughput, and the least of every other figure; ties share a rank. */
  rank: number;
  /** How many patterns of the run have this figure (cold start: the serverless ones only). */
  of: number;
  /** The value over the reference's in the same run; absent for the reference itself, or without its figure to divide by. */
  timesReference?: number;
  /** `2nd of 8`, `×0.45` */
  rankShown: string;
  timesReferenceShown: string;
}

export interface CardChaos extends CardMeasurement {
  kind: string;
  target: string;
  verdict: ChaosRun['verdict'];
  because?: string;
  hypothesis: string;
  availabilityDuring: number;
  p99DuringMs: number;
  /** `100.0 %` */
  availabilityShown: string;
  p99Shown: string;
  /** The invariants that did not hold, by name. */
  brokenInvariants: string[];
}

/** The lab's one chaos vocabulary (`journey chaos <pattern> <kind> …`), in the order a card lists it. */
export const CHAOS_KINDS = ['kill', 'latency', 'drop', 'away'] as const;

/** The pattern every other is set against: the roadmap's first stage, where the journey starts. */
const REFERENCE: string = STAGE_SLUGS[0];

interface FigureSpec {
  key: FigureKey;
  label: string;
  order: 'most first' | 'least first';
  show: (value: number) => string;
}

const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const milliseconds = (value: number) => `${value < 10 ? value.toFixed(1) : whole(value)} ms`;

/** The figures a card shows, in its order; cold start and lag only where the pattern has them. */
const FIGURES: FigureSpec[] = [
  { key: 'requestsPerSecond', label: 'throughput', order: 'most first', show: (v) => `${whole(v)} req/s` },
  { key: 'p99Ms', label: 'p99 latency', order: 'least first', show: milliseconds },
  { key: 'errorRate', label: 'error rate', order: 'least first', show: (v) => `${(v * 100).toFixed(2)} %` },
  {
    key: 'totalRssBytes',
    label: 'memory (RSS, all processes)',
    order: 'least first',
    show: (v) => `${whole(v / 2 ** 20)} MiB`,
  },
  { key: 'processes', label: 'processes', order: 'least first', show: whole },
  {
    key: 'hopsPerRequest',
    label: 'network hops per request',
    order: 'least first',
    show: (v) => v.toFixed(1),
  },
  { key: 'deployableUnits', label: 'deployable units', order: 'least first', show: whole },
  { key: 'linesOfCode', label: 'lines of code', order: 'least first', show: whole },
  { key: 'coldStartMs', label: 'cold start', order: 'least first', show: milliseconds },
  { key: 'propagationLagMs', label: 'propagation lag (p50)', order: 'least first', show: milliseconds },
];

const ordinal = (n: number) => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
};

const factor = (x: number) => `×${x >= 10 ? whole(x) : x.toPrecision(2)}`;

const when = (at: string) => `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;

const machineShown = (machine: MachineInfo) =>
  `${machine.hostname} (${machine.cpu}, ${machine.cores} cores, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${machine.os}, Node ${machine.node})`;

const measurement = (run: StoredRun<'compare'> | StoredRun<'chaos'>, command: string): CardMeasurement => ({
  at: run.at,
  machine: run.machine,
  when: when(run.at),
  on: machineShown(run.machine),
  command,
});

/** A value's place in the run: 1 + how many patterns did strictly better, so ties share a rank. */
function rankOf(value: number, values: number[], order: FigureSpec['order']): number {
  const better = values.filter((other) => (order === 'most first' ? other > value : other < value));
  return better.length + 1;
}

function cardFigures(figures: WorkloadFigures, run: CompareRun): CardFigure[] {
  const reference = run.patterns.find((p) => p.pattern === REFERENCE);
  const shown: CardFigure[] = [];
  for (const spec of FIGURES) {
    const value = figures[spec.key];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const values = run.patterns
      .map((p) => p[spec.key])
      .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const rank = rankOf(value, values, spec.order);
    const base = reference?.[spec.key];
    const timesReference =
      figures.pattern !== REFERENCE && typeof base === 'number' && base > 0 ? value / base : undefined;
    shown.push({
      key: spec.key,
      label: spec.label,
      value,
      shown: spec.show(value),
      rank,
      of: values.length,
      ...(timesReference !== undefined && { timesReference }),
      rankShown: `${ordinal(rank)} of ${values.length}`,
      timesReferenceShown:
        timesReference !== undefined
          ? factor(timesReference)
          : figures.pattern === REFERENCE
            ? 'reference'
            : '–',
    });
  }
  return shown;
}

function compareSection(pattern: string, runs: StoredRun<'compare'>[]): CardCompare | null {
  const index = runs.findIndex((run) => run.data.patterns.some((p) => p.pattern === pattern));
  if (index === -1) return null;
  const run = runs[index]!;
  const figures = run.data.patterns.find((p) => p.pattern === pattern)!;
  const patterns = run.data.patterns.map((p) => p.pattern);
  return {
    ...measurement(run, run.data.command ?? `journey compare ${patterns.join(' ')}`),
    workload: run.data.workload,
    workloadShown: Object.entries(run.data.workload)
      .map(([name, value]) => `${name} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
      .join(', '),
    database: run.data.database,
    patterns,
    reference: REFERENCE,
    ...(index > 0 && { newerRunWithout: runs[0]!.at }),
    figures: cardFigures(figures, run.data),
  };
}

/** `journey chaos <pattern> latency database --ms 200`, from what the run stored when it kept no command line. */
function chaosCommand({ pattern, fault }: ChaosRun): string {
  const { kind, target, ...settings } = fault;
  const flags = Object.entries(settings)
    .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
    .map(([name, value]) => (value === true ? `--${name}` : `--${name} ${value}`));
  return ['journey chaos', pattern, kind, target, ...flags].join(' ');
}

const vocabularyOrder = (kind: string) => {
  const at = (CHAOS_KINDS as readonly string[]).indexOf(kind);
  return at === -1 ? CHAOS_KINDS.length : at;
};

function chaosSection(pattern: string, runs: StoredRun<'chaos'>[]): CardChaos[] {
  const latest = new Map<string, StoredRun<'chaos'>>();
  for (const run of runs) {
    if (run.data.pattern === pattern && !latest.has(run.data.fault.kind))
      latest.set(run.data.fault.kind, run);
  }
  return [...latest.values()]
    .sort(
      (a, b) =>
        vocabularyOrder(a.data.fault.kind) - vocabularyOrder(b.data.fault.kind) ||
        a.data.fault.kind.localeCompare(b.data.fault.kind),
    )
    .map((run) => ({
      ...measurement(run, run.data.command ?? chaosCommand(run.data)),
      kind: run.data.fault.kind,
      target: run.data.fault.target,
      verdict: run.data.verdict,
      ...(run.data.because !== undefined && { because: run.data.because }),
      hypothesis: run.data.hypothesis,
      availabilityDuring: run.data.availabilityDuring,
      p99DuringMs: run.data.p99DuringMs,
      availabilityShown: `${(run.data.availabilityDuring * 100).toFixed(1)} %`,
      p99Shown: milliseconds(run.data.p99DuringMs),
      brokenInvariants: run.data.invariants.filter((check) => !check.held).map((check) => check.name),
    }));
}

const sameMachine = (a: MachineInfo, b: MachineInfo) => machineShown(a) === machineShown(b);

function missingOf(pattern: string, compare: CardCompare | null, chaos: CardChaos[]) {
  const missing: TradeOffCard['missing'] = [];
  if (!compare)
    missing.push({ what: `no compare run includes ${pattern} yet`, command: 'journey compare all' });
  const measured = new Set(chaos.map((run) => run.kind));
  const unmeasured = CHAOS_KINDS.filter((kind) => !measured.has(kind));
  if (unmeasured.length > 0)
    missing.push({
      what:
        unmeasured.length === CHAOS_KINDS.length
          ? `no chaos run yet (journey chaos ${pattern} alone lists what can be broken, and the hypotheses)`
          : `no ${unmeasured.join(', ')} run yet`,
      command: `journey chaos ${pattern} ${unmeasured.join('|')} <target> …`,
    });
  return missing;
}

function notesOf(compare: CardCompare | null, chaos: CardChaos[]): string[] {
  const notes: string[] = [];
  if (compare?.newerRunWithout)
    notes.push(
      `The newest compare run (${when(compare.newerRunWithout)}) left this pattern out: these figures are from an older one.`,
    );
  if (compare && compare.patterns.length === 1)
    notes.push('Its compare run measured this pattern alone: there is nothing to rank it against.');
  const elsewhere = chaos.filter((run) => compare && !sameMachine(run.machine, compare.machine));
  if (elsewhere.length > 0)
    notes.push(
      `Measured on another machine than the compare run: the ${elsewhere.map((run) => run.kind).join(', ')} chaos run${elsewhere.length > 1 ? 's' : ''}.`,
    );
  return notes;
}

/** The card of one pattern from stored runs, newest first (as `storedRuns` returns them). */
export function buildTradeOffCard(
  pattern: string,
  compareRuns: StoredRun<'compare'>[],
  chaosRuns: StoredRun<'chaos'>[],
): TradeOffCard {
  const compare = compareSection(pattern, compareRuns);
  const chaos = chaosSection(pattern, chaosRuns);
  return {
    pattern,
    compare,
    chaos,
    missing: missingOf(pattern, compare, chaos),
    notes: notesOf(compare, chaos),
  };
}

/** The cards of these patterns from the runs stored under the lab's data directory. */
export function tradeOffCards(patterns: readonly string[], root = dataDir()): TradeOffCard[] {
  const compareRuns = storedRuns('compare', root);
  const chaosRuns = storedRuns('chaos', root);
  return patterns.map((pattern) => buildTradeOffCard(pattern, compareRuns, chaosRuns));
}
