import type { BenchReport } from '@journey/orchestrator';
import type { PatternFigures } from '@journey/orchestrator/compare';
import type { StoredRun } from '@journey/orchestrator/results';
import type { CheckRun } from '@journey/roadmap';
import type { BenchRun } from '../server/bench-runs.js';
import type { CheckpointRun, CheckpointRunEvent } from '../server/checkpoint-runs.js';
import type { CompareEvent } from '../server/compare.routes.js';
import type { ConformanceRun } from '../server/conformance-runs.js';
import type { ExperimentRun } from '../server/experiment-runs.js';
import type { InfrastructureChoice } from '../server/infrastructure-choices.js';
import type {
  BenchSettings,
  HostedUnitsOfProcess,
  InfrastructureStatus,
  LabEvent,
  LogLine,
  PatternRun,
  ProcessStatus,
} from '../server/lab-port.js';
import type { MigrationAnswer } from '../server/migration.routes.js';
import type { DeclaredExperiment, TopologyGraph } from '../server/patterns.routes.js';
import type { TradeOffCardAnswer } from '../server/trade-off-card.routes.js';

/** A `journey compare` run as stored, with its time and machine. */
export type StoredCompareRun = StoredRun<'compare'>;

export type {
  BenchReport,
  BenchRun,
  CheckpointRun,
  CheckRun,
  ConformanceRun,
  DeclaredExperiment,
  ExperimentRun,
  HostedUnitsOfProcess,
  InfrastructureChoice,
  InfrastructureStatus,
  LogLine,
  PatternFigures,
  PatternRun,
  ProcessStatus,
  TopologyGraph,
};

export interface StageView {
  slug: string;
  title: string;
  difficulty: string;
  suggestedOrder: number;
  roadmapOrder: number;
  prerequisites: string[];
  objectives: string[];
  checkpoints: CheckpointView[];
  /** How many of its checkpoints are earned now. */
  earned: number;
  runnable: boolean;
  status: 'not started' | 'runnable' | 'in progress' | 'done (earned)' | 'done (marked)';
  markedDone: boolean;
}

export interface CheckpointView {
  id: string;
  description: string;
  /** The lab command lines that earn it, as the roadmap file writes them. */
  earnedBy: string[];
  /** What counts as passing, in one line. */
  passing: string;
  /** Every command's latest recorded run has passed. */
  passed: boolean;
  /** The latest recorded run of each `earnedBy` command, in the same order; null when it never ran. */
  results: Array<{ command: string; run: CheckRun | null }>;
}

export interface PatternView {
  slug: string;
  title: string;
  stageTitle: string;
  difficulty: string;
  /** The pattern's README as Markdown; the stage page renders its first section. */
  readme: string | null;
  graph: TopologyGraph | null;
  /** Per kind of infrastructure its topology declares, what it can start on; empty when not built. */
  infrastructureChoices: InfrastructureChoice[];
  run: PatternRun;
  logs: LogLine[];
  conformance: ConformanceRun | null;
  /** Its fault experiments (topology.ts) and load experiments (pattern.ts). */
  experiments: DeclaredExperiment[];
  experiment: ExperimentRun | null;
  bench: BenchRun | null;
  /** What the bench button runs, said on the page. */
  benchSettings: BenchSettings;
  /** The stage's checkpoints with their latest results. */
  checkpoints: CheckpointView[];
  /** The latest checkpoint run started from the dashboard, per checkpoint that had one. */
  checkpointRuns: CheckpointRun[];
  /** The exercise its pattern declares, if any. */
  exercise: { title: string; task: string[] } | null;
}

export type LiveEvent =
  | LabEvent
  | { kind: 'conformance'; run: ConformanceRun }
  | { kind: 'experiment'; run: ExperimentRun }
  | { kind: 'bench'; run: BenchRun }
  | CheckpointRunEvent
  | CompareEvent;

const TOKEN_KEY = 'journey-dashboard-token';

/**
 * The per-run token arrives once in the URL the terminal printed; it is kept for this tab and taken out
 * of the address bar, so it does not end up in bookmarks or screenshots.
 */
function readToken(): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const token = readToken();
export const hasToken = () => token !== null;

async function call<T>(method: 'GET' | 'POST', path: string, payload?: object): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      ...(method === 'POST' && token && { 'x-journey-token': token }),
      ...(payload && { 'content-type': 'application/json' }),
    },
    body: payload && JSON.stringify(payload),
  });
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

export const api = {
  roadmap: () => call<{ stages: StageView[]; progressFile: string }>('GET', '/api/roadmap'),
  mark: (slug: string, action: 'done' | 'undo') =>
    call<{ stages: StageView[] }>('POST', `/api/roadmap/${slug}/${action}`),
  runCheckpoint: (slug: string, checkpoint: string) =>
    call<CheckpointRun>('POST', `/api/roadmap/${slug}/checkpoints/${encodeURIComponent(checkpoint)}/run`),
  pattern: (slug: string) => call<PatternView>('GET', `/api/patterns/${slug}`),
  migration: (slug: string) => call<MigrationAnswer>('GET', `/api/patterns/${slug}/migration`),
  tradeOffCard: (slug: string) => call<TradeOffCardAnswer>('GET', `/api/patterns/${slug}/trade-off-card`),
  /** `choices`: per infrastructure kind, what runs it (`{ broker: 'nats' }`). */
  start: (slug: string, choices: Record<string, string>) =>
    call<PatternRun>('POST', `/api/patterns/${slug}/start`, { choices }),
  stop: (slug: string) => call<PatternRun>('POST', `/api/patterns/${slug}/stop`),
  process: (slug: string, name: string, action: 'kill' | 'restart') =>
    call<PatternRun>('POST', `/api/patterns/${slug}/processes/${encodeURIComponent(name)}/${action}`),
  conformance: (slug: string) => call<ConformanceRun>('POST', `/api/patterns/${slug}/conformance`),
  experiment: (slug: string, name: string) =>
    call<ExperimentRun>('POST', `/api/patterns/${slug}/experiments/${encodeURIComponent(name)}`),
  /** Each hosting process's report, its cost priced for `requestsPerMonth`. */
  hostedUnits: (slug: string, requestsPerMonth: number) =>
    call<{ processes: HostedUnitsOfProcess[] }>(
      'GET',
      `/api/patterns/${slug}/hosted-units?requestsPerMonth=${requestsPerMonth}`,
    ),
  bench: () => call<{ reports: BenchReport[] }>('GET', '/api/bench'),
  benchPattern: (slug: string) => call<BenchRun>('POST', `/api/patterns/${slug}/bench`),
  codeFigures: (patterns: string[]) =>
    call<{ patterns: PatternFigures[] }>('GET', `/api/compare/code?patterns=${patterns.join(',')}`),
  compareRuns: () => call<{ runs: StoredCompareRun[] }>('GET', '/api/compare/runs'),
  unitTests: (patterns: string[]) =>
    call<{ patterns: PatternFigures[] }>('POST', `/api/compare/unit-tests?patterns=${patterns.join(',')}`),
};

type Listener = (event: LiveEvent) => void;
const listeners = new Set<Listener>();
/** The latest run state of every pattern, kept from the event stream for views that open later. */
export const runs = new Map<string, PatternRun>();

/** One event stream for the whole page; views subscribe and unsubscribe as they come and go. */
export function live(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const stream = new EventSource('/api/events');
stream.onmessage = (message) => {
  const event = JSON.parse(message.data as string) as LiveEvent;
  if (event.kind === 'run') runs.set(event.run.pattern, event.run);
  for (const listener of listeners) listener(event);
};
