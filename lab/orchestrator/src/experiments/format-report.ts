import { CAPABILITIES } from '@journey/topology';
import type { FaultReport, Phase } from './fault-experiment.js';

const pad = (text: string, width: number) => text.padEnd(width);
const count = (n: number, of: number) => `${n}/${of}`;
const tick = (ok: boolean) => (ok ? '✓' : '✗');

/** The report as a learner reads it: per phase and capability, what answered, how fast, and the verdict. */
export function formatFaultReport(report: FaultReport): string {
  const lines: string[] = [];
  const phaseTitle: Record<Phase, string> = {
    steady: 'before the fault',
    fault: report.during,
    recovered: report.afterwards,
  };
  for (const phase of Object.keys(phaseTitle) as Phase[]) {
    lines.push('', `${phaseTitle[phase]}:`);
    lines.push(
      `  ${pad('capability', 11)} ${pad('2xx', 9)} ${pad('503', 9)} ${pad('no answer', 9)} ${pad('hung', 5)} ${pad('p99', 8)} verdict`,
    );
    for (const capability of CAPABILITIES) {
      const f = report.figures[phase][capability];
      const other = Object.entries(f.errorStatuses)
        .map(([status, n]) => ` ${status}×${n}`)
        .join('');
      lines.push(
        `  ${pad(capability, 11)} ${pad(count(f.ok, f.requests), 9)} ${pad(String(f.unavailable), 9)} ${pad(String(f.noAnswer), 9)} ${pad(String(f.timeouts), 5)} ${pad(`${Math.round(f.p99Ms)} ms`, 8)} ${report.verdicts[phase][capability]}${other}`,
      );
    }
  }
  const { writes } = report;
  lines.push('');
  lines.push(
    report.recoveryMs === undefined
      ? `✗ did not recover within the limit ${report.afterwards}`
      : `✓ fault lifted in ${report.liftMs} ms; every request that worked before answered again ${report.recoveryMs} ms later`,
  );
  for (const finding of report.findings) lines.push(`• ${finding}`);
  lines.push(`• writes probed: ${writes.articles} articles, ${writes.comments} comments`);
  lines.push(
    writes.lost.length === 0
      ? `✓ nothing acknowledged was lost; the read side showed every acknowledged write ${report.convergedMs} ms after the run`
      : `✗ lost (still missing after waiting for the read side): ${writes.lost.join('; ')}`,
  );
  lines.push(
    `${tick(writes.committedDespiteError.length === 0)} errors for committed writes: ${writes.committedDespiteError.length}${listed(writes.committedDespiteError)}`,
  );
  lines.push(
    `${tick(writes.duplicated.length === 0)} writes stored more than once: ${writes.duplicated.length}${listed(writes.duplicated)}`,
  );
  for (const problem of report.faultProblems) lines.push(`✗ ${problem}`);
  return lines.join('\n');
}

const listed = (writes: string[]) => (writes.length === 0 ? '' : ` (${writes.join('; ')})`);
