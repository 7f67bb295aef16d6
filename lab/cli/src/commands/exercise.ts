import {
  checkExercise,
  type DeclaredExercise,
  declaredExercises,
  type ExerciseState,
  type ExerciseVerdict,
  exerciseState,
  removeExercise,
  resetExercise,
  startExercise,
} from '@journey/exercises';
import { formatRecorded } from '@journey/roadmap';
import { parse, UsageError } from '../usage.js';

const ACTIONS = ['show', 'start', 'check', 'reset', 'remove'] as const;
type Action = (typeof ACTIONS)[number];

/**
 * `journey exercise <stage> [show|start|check|reset|remove]`: the stage's exercise, worked on in a git
 * worktree of the repository in the data dir and judged by its acceptance tests and dependency rules.
 */
export async function exercise(args: string[]): Promise<number> {
  const { positionals } = parse(args, {}, 'exercise');
  const [slug, action = 'show', ...rest] = positionals;
  const declared = await declaredExercises();
  const withExercises = declared.map((d) => d.slug);
  if (slug === undefined) throw new UsageError('journey exercise: name a stage', withExercises);
  const found = declared.find((d) => d.slug === slug);
  if (!found) throw new UsageError(`journey exercise: stage "${slug}" has no exercise`, withExercises);
  if (!(ACTIONS as readonly string[]).includes(action) || rest.length > 0) {
    throw new UsageError(
      `journey exercise ${slug}: unknown action "${[action, ...rest].join(' ')}"`,
      ACTIONS,
    );
  }
  return run(action as Action, found);
}

async function run(action: Action, declared: DeclaredExercise): Promise<number> {
  const { slug } = declared;
  switch (action) {
    case 'show':
      console.log(formatShow(declared, await exerciseState(slug)));
      return 0;
    case 'start': {
      const started = await startExercise(slug);
      console.log(
        [
          started.already
            ? `✓ the exercise of ${slug} was already started, from ${short(started.startCommit)}`
            : `✓ the exercise of ${slug} started: a git worktree of ${short(started.startCommit)} on branch ${started.branch}`,
          `  work in:    ${started.worktree}`,
          `  check it:   journey exercise ${slug} check`,
          `  start over: journey exercise ${slug} reset`,
        ].join('\n'),
      );
      return 0;
    }
    case 'check': {
      console.error(`• checking the exercise of ${slug}…`);
      const verdict = await checkExercise(slug, {
        onFileFinished: ({ file, passed, failed }) =>
          console.error(`  ${failed === 0 ? '✓' : '✗'} ${file}: ${passed} passed, ${failed} failed`),
      });
      console.log(formatVerdict(verdict));
      for (const line of formatRecorded(verdict.recorded)) console.error(line);
      console.log(
        verdict.passed
          ? `\n✓ exercise passed: ${verdict.detail}`
          : `\n✗ exercise not passed: ${verdict.detail}`,
      );
      return verdict.passed ? 0 : 1;
    }
    case 'reset': {
      const reset = await resetExercise(slug);
      console.log(`✓ the exercise of ${slug} is back at ${short(reset.startCommit)} in ${reset.worktree}`);
      return 0;
    }
    case 'remove': {
      const { removed } = await removeExercise(slug);
      console.log(
        removed
          ? `✓ the exercise of ${slug} is removed: its worktree, its branch and the lab's record of it`
          : `the exercise of ${slug} was not started: nothing to remove`,
      );
      return 0;
    }
  }
}

const short = (commit: string) => commit.slice(0, 7);

export function formatShow({ slug, exercise }: DeclaredExercise, state: ExerciseState): string {
  const lines = [
    `Exercise of ${slug}: ${exercise.title}`,
    '',
    ...exercise.task.map((line) => `  ${line}`),
    '',
  ];
  lines.push(`  more: patterns/${slug}/README.md, section "Exercise"`);
  if (state.broken) {
    lines.push(`  ✗ your copy: ${state.broken}`);
  } else if (state.started) {
    lines.push(
      `  worktree: ${state.worktree} (from ${short(state.startCommit ?? '')})`,
      `  check it: journey exercise ${slug} check`,
    );
  } else {
    lines.push(`  not started: \`journey exercise ${slug} start\` makes your copy in ${state.worktree}`);
  }
  const last = state.lastVerdict;
  lines.push(
    last
      ? `  last check: ${last.passed ? '✓ passed' : '✗ not passed'} (${last.detail}; code ${last.code}, ${last.at})`
      : '  last check: none yet',
  );
  return lines.join('\n');
}

export function formatVerdict(verdict: ExerciseVerdict): string {
  const lines = ['', `Acceptance tests of "${verdict.title}" in ${verdict.worktree}`];
  for (const test of verdict.tests) {
    lines.push(`  ${test.passed ? '✓' : '✗'} ${test.name}`);
    if (!test.passed && test.error) lines.push(`      ${test.error}`);
  }
  if (verdict.tests.length === 0) lines.push('  ✗ no acceptance test ran');
  if (verdict.rules) {
    lines.push('', `Dependency rules (as \`journey check ${verdict.slug}\`)`);
    const { violations, modulesChecked, notBuilt } = verdict.rules;
    if (notBuilt) lines.push(`  ✗ ${notBuilt}`);
    else if (violations.length === 0) lines.push(`  ✓ no violations (${modulesChecked} modules checked)`);
    for (const v of violations) lines.push(`  ✗ ${v.rule}: ${v.explanation}`, `      ${v.from} → ${v.to}`);
  }
  if (verdict.hints.length > 0) {
    lines.push('', 'Hints');
    for (const hint of verdict.hints) lines.push(`  • ${hint}`);
  }
  return lines.join('\n');
}
