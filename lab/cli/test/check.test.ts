import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkArchitecture } from '@journey/architecture';
import { repoRoot } from '@journey/orchestrator';
import { describe, expect, it } from 'vitest';
import { formatCheck } from '../src/commands/check.js';

function journey(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lab/cli/src/main.ts', ...args], {
      cwd: repoRoot,
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
    const { code, stdout } = await journey('check', 'monolith');
    expect(stdout.trim()).toMatch(/^✓ monolith: no dependency-rule violations \(\d+ modules checked\)$/);
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
