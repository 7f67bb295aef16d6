import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCliRuns } from '../src/server/cli-runs.js';

/**
 * The dashboard's real command runner, on a script standing in for the CLI: it forks a grandchild (as
 * `journey test` forks a fresh copy), prints its pid and waits. Stopping the dashboard must leave neither.
 */
const FORKING_SCRIPT = `
const { spawn } = require('node:child_process');
console.log('args ' + process.argv.slice(2).join(' '));
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log('grandchild ' + child.pid);
setInterval(() => {}, 1000);
`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the dashboard’s command runner', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('when a command exits, then every line it printed arrived and its exit code is returned', async () => {
    const runs = createCliRuns({ command: [process.execPath, '-e'] });
    const lines: string[] = [];
    const exit = await runs.run(
      ['console.log("one"); console.error("two"); process.exit(3)'],
      (line, stream) => lines.push(`${stream}: ${line}`),
    );
    expect(exit).toEqual({ code: 3, signal: null });
    expect(lines.sort()).toEqual(['stderr: two', 'stdout: one']);
  });

  it('when the dashboard closes during a command, then the command and what it forked are gone', async () => {
    dir = mkdtempSync(join(tmpdir(), 'journey-cli-runs-'));
    const script = join(dir, 'forking.cjs');
    writeFileSync(script, FORKING_SCRIPT);
    const runs = createCliRuns({ command: [process.execPath, script] });
    let grandchild: number | undefined;
    const lines: string[] = [];
    let sawGrandchild: () => void = () => {};
    const forked = new Promise<void>((resolve) => {
      sawGrandchild = resolve;
    });
    const exited = runs.run(['test', 'monolith'], (line) => {
      lines.push(line);
      const match = /^grandchild (\d+)$/.exec(line);
      if (match) {
        grandchild = Number(match[1]);
        sawGrandchild();
      }
    });
    await forked;
    expect(alive(grandchild!)).toBe(true);
    await runs.close();
    expect((await exited).signal).toBe('SIGTERM');
    // The group's SIGKILL is sent once the command has exited; the kernel reaps the grandchild soon after.
    await expect.poll(() => alive(grandchild!), { timeout: 10_000 }).toBe(false);
    expect(lines).toContain('args test monolith');
  });
});
