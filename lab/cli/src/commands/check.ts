import {
  type CheckReport,
  checkArchitecture,
  PatternNotBuilt,
  patternsWithRules,
} from '@journey/architecture';
import { parse, patternArg, UsageError } from '../usage.js';

/**
 * `journey check <pattern>`: the dependency rules the pattern declares (its `architecture.rules.ts`) on its source. Prints
 * every broken rule with the reason it exists and each offending import in plain words, then
 * `N violations` (exit 1), or one ✓ line (exit 0).
 */
export async function check(args: string[]): Promise<number> {
  const { positionals } = parse(args, {}, 'check');
  const pattern = patternArg(positionals[0], 'check');
  const withRules = await patternsWithRules();
  if (positionals.length > 1) throw new UsageError('journey check: one pattern at a time', withRules);
  if (!withRules.includes(pattern)) {
    throw new UsageError(`journey check: pattern "${pattern}" has no dependency rules yet`, withRules);
  }
  let report: CheckReport;
  try {
    report = await checkArchitecture(pattern);
  } catch (error) {
    if (!(error instanceof PatternNotBuilt)) throw error;
    console.error(`journey check: ${error.message}`);
    return 1;
  }
  console.log(formatCheck(report));
  return report.violations.length === 0 ? 0 : 1;
}

export function formatCheck(report: CheckReport): string {
  const { pattern, rules, folder, violations, modulesChecked } = report;
  if (violations.length === 0) {
    return `✓ ${pattern}: no dependency-rule violations (${modulesChecked} modules checked)`;
  }
  const lines: string[] = [];
  for (const rule of rules.rules) {
    const broken = violations.filter((v) => v.rule === rule.name);
    if (broken.length === 0) continue;
    lines.push(`✗ ${rule.name}`, `  why: ${rule.comment}`);
    for (const v of broken) lines.push(`  • ${v.explanation}`, `      ${folder}/${v.from} → ${v.to}`);
    lines.push('');
  }
  lines.push(`${violations.length} ${violations.length === 1 ? 'violation' : 'violations'}`);
  return lines.join('\n');
}
