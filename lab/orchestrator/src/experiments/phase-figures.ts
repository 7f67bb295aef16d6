import type { ExpectedBehaviour } from '@journey/topology';

/** How one probe request ended, from the client's side. */
export type Outcome =
  | { kind: 'ok'; ms: number }
  | { kind: 'unavailable'; ms: number }
  | { kind: 'error-status'; status: number; ms: number }
  | { kind: 'no-answer'; ms: number }
  | { kind: 'timeout'; ms: number };

export interface PhaseFigures {
  requests: number;
  ok: number;
  /** 503: the system said, quickly and clearly, that this part is down. */
  unavailable: number;
  /** Any other non-2xx status, by status code. */
  errorStatuses: Record<string, number>;
  /** Connection refused or reset: nothing was listening. */
  noAnswer: number;
  /** No complete answer within the probe's timeout: the failure mode a learner must never see. */
  timeouts: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export function summarise(outcomes: readonly Outcome[]): PhaseFigures {
  const figures: PhaseFigures = {
    requests: outcomes.length,
    ok: 0,
    unavailable: 0,
    errorStatuses: {},
    noAnswer: 0,
    timeouts: 0,
    p50Ms: 0,
    p99Ms: 0,
    maxMs: 0,
  };
  for (const outcome of outcomes) {
    if (outcome.kind === 'ok') figures.ok++;
    else if (outcome.kind === 'unavailable') figures.unavailable++;
    else if (outcome.kind === 'no-answer') figures.noAnswer++;
    else if (outcome.kind === 'timeout') figures.timeouts++;
    else figures.errorStatuses[outcome.status] = (figures.errorStatuses[outcome.status] ?? 0) + 1;
  }
  const sorted = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  figures.p50Ms = percentile(sorted, 50);
  figures.p99Ms = percentile(sorted, 99);
  figures.maxMs = sorted.at(-1) ?? 0;
  return figures;
}

/** In words, what a capability did during a phase: one of the behaviours a topology may predict, or worse. */
export type Verdict = ExpectedBehaviour | 'hung' | 'degraded' | 'idle';

export function verdictOf(figures: PhaseFigures): Verdict {
  if (figures.requests === 0) return 'idle';
  if (figures.timeouts > 0) return 'hung';
  if (figures.ok === figures.requests) return 'kept working';
  const failures = figures.requests - figures.ok;
  if (figures.ok === 0 && figures.unavailable === failures) return 'failed fast (503)';
  if (figures.ok === 0 && figures.noAnswer === failures) return 'down (no answer)';
  return 'degraded';
}
