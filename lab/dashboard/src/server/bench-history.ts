import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchReport, benchReportsDir } from '@journey/orchestrator';

/**
 * Every benchmark report the learner has run, newest first. A file that is not a report (half
 * written, edited by hand) is skipped rather than failing the whole history.
 */
export function benchHistory(dir = benchReportsDir()): BenchReport[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const reports: BenchReport[] = [];
  for (const name of names) {
    try {
      const report = JSON.parse(readFileSync(join(dir, name), 'utf8')) as BenchReport;
      if (typeof report.at === 'string' && Array.isArray(report.rows)) reports.push(report);
    } catch {
      // Not a report; see above.
    }
  }
  return reports.sort((a, b) => b.at.localeCompare(a.at));
}
