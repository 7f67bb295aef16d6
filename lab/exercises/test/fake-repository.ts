import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { STAGE_SLUGS } from '@journey/roadmap';

/** A stage that the fake repository gives an exercise (any stage will do: the lab names none). */
export const FAKE_STAGE = STAGE_SLUGS[0];

export const gitIn = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

function write(root: string, path: string, text: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/**
 * A small git checkout laid out like the lab's: one pattern declaring an exercise (a plain object, so
 * it loads without packages), a workspace, and an installed node_modules with a workspace link, a
 * scoped package and a workspace's nested node_modules.
 */
export function fakeRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'journey-fake-repo-'));
  write(
    root,
    `patterns/${FAKE_STAGE}/pattern.ts`,
    `export default ${JSON.stringify({
      slug: FAKE_STAGE,
      sources: ['src'],
      exercise: {
        title: 'A fake exercise',
        task: ['Make it pass.'],
        tests: ['exercise/fake.test.ts'],
        rules: false,
        hints: ['Read the test.'],
        solution: 'exercise/solution.patch',
      },
    })};\n`,
  );
  write(root, `patterns/${FAKE_STAGE}/src/answer.ts`, 'export const answer = 41;\n');
  write(root, 'packages/kit/package.json', '{ "name": "@journey/kit" }\n');
  write(root, 'packages/kit/index.js', 'export const kit = true;\n');
  write(root, '.gitignore', 'node_modules/\n');
  write(root, 'node_modules/left-pad/index.js', 'module.exports = 1;\n');
  write(root, 'node_modules/@types/thing/index.d.ts', 'export {};\n');
  write(root, 'packages/kit/node_modules/only-kit/index.js', 'module.exports = 2;\n');
  mkdirSync(join(root, 'node_modules/@journey'), { recursive: true });
  symlinkSync('../../packages/kit', join(root, 'node_modules/@journey/kit'));
  gitIn(root, 'init', '--quiet', '--initial-branch=main');
  gitIn(root, 'add', '.');
  gitIn(root, 'commit', '--quiet', '-m', 'fake lab');
  return root;
}
