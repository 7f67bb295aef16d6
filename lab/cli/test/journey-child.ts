import { spawn } from 'node:child_process';
import { repoRoot } from '@journey/orchestrator';

/** `journey …` run to its end from "another terminal", with the test's JOURNEY_HOME. */
export function journeyIn(
  home: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lab/cli/src/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, JOURNEY_HOME: home },
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, ...output })));
}
