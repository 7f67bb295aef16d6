import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { declaredExercises, labRepository } from '@journey/exercises';
import { STAGE_SLUGS } from '@journey/roadmap';
import { afterAll, describe, expect, it } from 'vitest';

const home = mkdtempSync(join(tmpdir(), 'journey-cli-exercise-'));
const declared = await declaredExercises();
const first = declared[0]!;
const withoutExercise = STAGE_SLUGS.find((slug) => !declared.some((d) => d.slug === slug));

/** Runs the real `journey` command, as a learner would, with its own data dir. */
function journey(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lab/cli/src/main.ts', ...args], {
      cwd: labRepository,
      env: { ...process.env, JOURNEY_HOME: home, JOURNEY_PROGRESS_DB: join(home, 'progress.sqlite') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

afterAll(async () => {
  await journey('exercise', first.slug, 'remove');
  rmSync(home, { recursive: true, force: true });
});

describe('journey exercise', () => {
  it('when no stage is named, then one line lists the stages that have an exercise (exit 2)', async () => {
    const { code, stderr } = await journey('exercise');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(declared.map((d) => d.slug).join(', '));
  });

  it.skipIf(withoutExercise === undefined)(
    'when the stage has no exercise, then it says so in one line (exit 2)',
    async () => {
      const { code, stderr } = await journey('exercise', withoutExercise!);
      expect(code).toBe(2);
      expect(stderr).toContain(`stage "${withoutExercise}" has no exercise`);
    },
  );

  it('when the action is unknown, then one line lists the actions (exit 2)', async () => {
    const { code, stderr } = await journey('exercise', first.slug, 'solve');
    expect(code).toBe(2);
    expect(stderr).toContain('show, start, check, reset, remove');
  });

  it('when shown before it starts, then the title, the task and how to start are printed', async () => {
    const { code, stdout } = await journey('exercise', first.slug);
    expect(code).toBe(0);
    expect(stdout).toContain(first.exercise.title);
    expect(stdout).toContain(first.exercise.task[0]);
    expect(stdout).toContain(`journey exercise ${first.slug} start`);
    expect(stdout).toContain('last check: none yet');
  });

  it('when checked before it starts, then it says to start it (exit 1)', async () => {
    const { code, stderr } = await journey('exercise', first.slug, 'check');
    expect(code).toBe(1);
    expect(stderr).toContain(`journey exercise ${first.slug} start`);
  });

  it('when started and checked untouched, then the failures, the hints and the verdict are printed (exit 1) and show has the last check', async () => {
    const started = await journey('exercise', first.slug, 'start');
    expect(started.code).toBe(0);
    const worktree = join(home, 'exercises', first.slug);
    expect(started.stdout).toContain(`work in:    ${worktree}`);
    expect(existsSync(join(worktree, 'patterns', first.slug))).toBe(true);

    const checked = await journey('exercise', first.slug, 'check');
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/^ {2}✗ /m);
    expect(checked.stdout).toContain(`Hints\n  • ${first.exercise.hints[0]}`);
    expect(checked.stdout).toContain('✗ exercise not passed:');
    expect(checked.stderr).toContain(`✗ patterns/${first.slug}/${first.exercise.tests[0]}`);

    const shown = await journey('exercise', first.slug, 'show');
    expect(shown.stdout).toContain(`worktree: ${worktree}`);
    expect(shown.stdout).toContain('last check: ✗ not passed');
  });
});
