import { CAPABILITIES } from '@journey/topology';
import type { FaultReport, Phase } from './fault-experiment.js';

const pad = (text: string, width: number) => text.padEnd(width);
const count = (n: number, of: number) => `${n}/${of}`;

/** The report as a learner reads it: per phase and capability, what answered, how fast, and the verdict. */
export function formatFaultReport(report: FaultReport): string {
  const lines: string[] = [];
  const phaseTitle: Record<Phase, string> = {
    steady: 'before the fault',
    fault: `with ${report.killed.join(', ')} killed`,
    recovered: 'after the restart',
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
  lines.push('');
  lines.push(
    report.recoveryMs === undefined
      ? '✗ did not recover within the limit after the restart'
      : `✓ restarted and healthy in ${report.restartMs} ms; every capability answered again ${report.recoveryMs} ms after the restart command`,
  );
  lines.push(
    report.lost.length === 0 ? '✓ nothing acknowledged was lost' : `✗ lost: ${report.lost.join('; ')}`,
  );
  return lines.join('\n');
}
