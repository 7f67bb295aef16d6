import type { InvariantCheck } from '../results/index.js';
import type { ChaosOutcome } from './run-chaos.js';

const tick = (check: InvariantCheck) => `${check.held ? '✓' : '✗'} ${check.name}: ${check.detail}`;

/** Availability and latency during the fault per capability, the claims, the invariants and the verdict. */
export function formatChaosRun({ run }: ChaosOutcome): string {
  const lines = ['', `during the fault (${run.faultSeconds} s):`];
  lines.push(`  ${'capability'.padEnd(11)} ${'2xx'.padEnd(7)} ${'p50'.padEnd(9)} ${'p99'.padEnd(9)} did`);
  for (const [capability, f] of Object.entries(run.capabilities ?? {}))
    lines.push(
      `  ${capability.padEnd(11)} ${`${Math.round(f.availability * 100)}%`.padEnd(7)} ${`${f.p50Ms} ms`.padEnd(9)} ${`${f.p99Ms} ms`.padEnd(9)} ${f.verdict}`,
    );
  lines.push(
    `  all: ${Math.round(run.availabilityDuring * 1000) / 10}% answered 2xx; slowest capability p50 ${run.p50DuringMs} ms, p99 ${run.p99DuringMs} ms`,
  );
  lines.push('', 'hypothesis:', ...(run.claims ?? []).map((c) => `  ${tick(c)}`));
  lines.push('', 'invariants:', ...run.invariants.map((c) => `  ${tick(c)}`));
  lines.push(
    '',
    run.verdict === 'confirmed'
      ? 'VERDICT: confirmed — the system did what the hypothesis said, and every invariant held'
      : `VERDICT: refuted — ${run.because}`,
  );
  return lines.join('\n');
}
