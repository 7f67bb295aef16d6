import { spawn } from 'node:child_process';
import { repoRoot } from '@journey/orchestrator';
import { describe, expect, it } from 'vitest';

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

describe('journey compare', () => {
  it('when one of the patterns is unknown, then one line names it and the choices, before any work starts', async () => {
    const { code, stdout, stderr } = await journey('compare', 'monolith', 'hexagon', '--no-bench');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^journey compare: unknown pattern "hexagon" \(choose from: monolith, layered, hexagonal, /,
      ),
    ]);
  });
});
