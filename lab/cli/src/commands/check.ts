import {
  type CheckReport,
  checkArchitecture,
  checkRepository,
  findSlugMentions,
  PatternNotBuilt,
  patternsWithRules,
  REPOSITORY_RULES,
  type RepositoryReport,
  SLUG_DATA,
  type SlugMention,
} from '@journey/architecture';
import { repoRoot } from '@journey/orchestrator/runtime';
import { formatRecorded, recordCheckRun, STAGE_SLUGS } from '@journey/roadmap';
import { parse, patternArg, UsageError } from '../usage.js';

/**
 * `journey check <pattern>`: the dependency rules the pattern declares (its `architecture.rules.ts`) on its source. Prints
 * every broken rule with the reason it exists and each offending import in plain words, then
 * `N violations` (exit 1), or one ✓ line (exit 0). The verdict is recorded as a run of `journey check
 * <pattern>`, and the checkpoints it decides are printed after it on stderr (stdout keeps the report alone).
 */
export async function check(args: string[]): Promise<number> {
  const { positionals } = parse(args, {}, 'check');
  if (positionals.length === 0) return checkWholeRepository();
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
  const count = report.violations.length;
  const recorded = recordCheckRun({
    command: 'check',
    positionals: [pattern],
    passed: count === 0,
    detail:
      count === 0
        ? `no violations (${report.modulesChecked} modules)`
        : `${count} ${count === 1 ? 'violation' : 'violations'}: ${report.violations[0]!.explanation}`,
  });
  for (const line of formatRecorded(recorded)) console.error(line);
  return count === 0 ? 0 : 1;
}

/**
 * `journey check` alone: the rules between the repository's parts (packages stand below the lab and
 * the patterns; the lab runs no pattern's code) and the lab's promise to name no pattern in its code.
 */
async function checkWholeRepository(): Promise<number> {
  const report = await checkRepository();
  const mentions = findSlugMentions(repoRoot, ['lab', 'packages'], STAGE_SLUGS, SLUG_DATA);
  console.log(formatRepositoryCheck(report, mentions));
  return report.violations.length + mentions.length === 0 ? 0 : 1;
}

export function formatRepositoryCheck(report: RepositoryReport, mentions: SlugMention[]): string {
  const problems = report.violations.length + mentions.length;
  if (problems === 0) {
    return `✓ repository: dependencies point the right way and lab/packages name no pattern (${report.modulesChecked} modules checked)`;
  }
  const lines: string[] = [];
  for (const rule of REPOSITORY_RULES) {
    const broken = report.violations.filter((v) => v.rule === rule.name);
    if (broken.length === 0) continue;
    lines.push(`✗ ${rule.name}`, `  why: ${rule.comment}`);
    for (const v of broken) lines.push(`  • ${v.explanation}`);
    lines.push('');
  }
  if (mentions.length > 0) {
    lines.push(
      '✗ lab and packages name no pattern',
      '  why: they iterate over what patterns declare (pattern.ts)',
    );
    for (const m of mentions) lines.push(`  • ${m.file}:${m.line} names ${m.slug} in ${m.text}`);
    lines.push('');
  }
  lines.push(`${problems} ${problems === 1 ? 'violation' : 'violations'}`);
  return lines.join('\n');
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
