import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkArchitecture, checkRepository, findSlugMentions } from '@journey/architecture';
import { repoRoot } from '@journey/orchestrator';
import { STAGE_SLUGS } from '@journey/roadmap';
import { describe, expect, it } from 'vitest';
import { formatCheck, formatRepositoryCheck } from '../src/commands/check.js';

function journey(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lab/cli/src/main.ts', ...args], {
      cwd: repoRoot,
      // `journey check <pattern>` records its run: into a data dir of the test's, never the learner's.
      env: { ...process.env, JOURNEY_HOME: mkdtempSync(join(tmpdir(), 'journey-check-test-')) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('journey check', () => {
  it('when the monolith is checked, then one ✓ line counts the modules and the exit code is 0', async () => {
    const { code, stdout, stderr } = await journey('check', 'monolith');
    expect(stdout.trim()).toMatch(/^✓ monolith: no dependency-rule violations \(\d+ modules checked\)$/);
    expect(stderr).toContain('✓ checkpoint monolith › fitness earned');
    expect(code).toBe(0);
  });

  it('when the pattern is unknown, then one line names the valid choices and the exit code is 2', async () => {
    const { code, stderr } = await journey('check', 'monolyth');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('journey check: unknown pattern "monolyth"');
  });

  it('when imports break rules, then each is printed in plain words with its file, then the count', async () => {
    const fixture = fileURLToPath(
      new URL(
        '../../architecture/test/fixtures/monolith/modules-follow-the-dependency-order',
        import.meta.url,
      ),
    );
    const text = formatCheck(await checkArchitecture('monolith', fixture));
    expect(text).toContain('✗ modules-follow-the-dependency-order\n  why: Modules depend one way only');
    expect(text).toContain(
      '  • users imports profiles (profiles/index.ts), but profiles comes after users in ' +
        'users ← profiles ← articles ← comments: users must not depend on it\n' +
        '      lab/architecture/test/fixtures/monolith/modules-follow-the-dependency-order/src/modules/users/index.ts' +
        ' → src/modules/profiles/index.ts',
    );
    expect(text.split('\n').at(-1)).toBe('2 violations');
  });
});

describe('journey check without a pattern', () => {
  const fixture = (path: string) =>
    fileURLToPath(new URL(`../../architecture/test/fixtures/${path}`, import.meta.url));

  it('when the repository is checked, then one ✓ line says the parts depend the right way and the exit code is 0', async () => {
    const { code, stdout } = await journey('check');
    expect(stdout.trim()).toMatch(/^✓ repository: .* \(\d+ modules checked\)$/);
    expect(code).toBe(0);
  });

  it('when a package imports the lab and lab code names a pattern, then both are printed with the reason and counted', async () => {
    const report = await checkRepository(fixture('repository/package-imports-no-lab'));
    const mentions = findSlugMentions(fixture('pattern-slugs'), ['lab', 'packages'], STAGE_SLUGS, {});
    const text = formatRepositoryCheck(report, mentions);
    expect(text).toContain('✗ package-imports-no-lab\n  why: Packages are the bottom layer');
    expect(text).toContain('✗ lab and packages name no pattern');
    expect(text.split('\n').at(-1)).toBe(`${report.violations.length + mentions.length} violations`);
    expect(report.violations.length).toBeGreaterThan(0);
    expect(mentions.length).toBeGreaterThan(0);
  });
});
