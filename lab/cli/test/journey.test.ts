import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPatternManifests, repoRoot } from '@journey/orchestrator';
import { STAGE_SLUGS } from '@journey/roadmap';
import { describe, expect, it } from 'vitest';

const home = mkdtempSync(join(tmpdir(), 'journey-cli-'));

/** Runs the real `journey` command, as a learner would, with its own data dir. */
function journey(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lab/cli/src/main.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, JOURNEY_HOME: home },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('journey CLI', () => {
  it('when the pattern is unknown, then one line names the valid choices and the exit code is 2', async () => {
    const { code, stderr } = await journey('up', 'monolyth');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('unknown pattern "monolyth"');
    expect(stderr).toContain('monolith, layered, hexagonal');
  });

  it('when a flag is unknown, then one line lists the flags of that command', async () => {
    const { code, stderr } = await journey('up', 'monolith', '--wokers', '2');
    expect(code).toBe(2);
    expect(stderr).toContain("'--wokers'");
    expect(stderr).toContain('--db, --port, --workers');
  });

  it('when npm start gets --workers out of range or npm kept the flag for itself, then each is one clear line', async () => {
    const outOfRange = await journey('start', '--workers', '0');
    expect(outOfRange.code).toBe(2);
    expect(outOfRange.stderr.trim()).toBe('--workers must be a whole number from 1 to 64, not "0"');
    // `npm start --workers 2` without `--` reaches us as a bare "2".
    const eatenByNpm = await journey('start', '2');
    expect(eatenByNpm.code).toBe(2);
    expect(eatenByNpm.stderr).toContain('npm start -- --workers 2');
  });

  it('when --db names no database we support, then it says which ones exist', async () => {
    const { code, stderr } = await journey('test', 'monolith', '--db', 'mysql');
    expect(code).toBe(2);
    expect(stderr).toContain('sqlite, postgres');
  });

  it('when --broker names no broker we support, then it says which ones exist', async () => {
    const { code, stderr } = await journey('up', 'event-driven', '--broker', 'pulsar');
    expect(code).toBe(2);
    expect(stderr).toContain('embedded, rabbitmq, nats, kafka');
  });

  it('when --broker is given for a pattern without a broker, then it says so instead of ignoring it', async () => {
    const { code, stderr } = await journey('test', 'monolith', '--broker', 'nats');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('--broker: pattern "monolith" has no broker');
  });

  it('when help is printed, then it lists the commands and benches each pattern declares', async () => {
    const { code, stdout } = await journey('--help');
    expect(code).toBe(0);
    const manifests = await loadPatternManifests();
    // Some pattern declares a command, or this test would pass on an empty list.
    expect(manifests.flatMap((m) => m.commands ?? []).length).toBeGreaterThan(0);
    for (const { slug, benches = [], commands = [] } of manifests) {
      for (const command of commands) expect(stdout).toContain(`journey ${command.usage}`);
      if (benches.length > 0) expect(stdout).toContain(`journey bench ${slug} …`);
      for (const bench of benches) expect(stdout).toContain(`also ${bench.name}: ${bench.title}`);
    }
  });

  it('when the roadmap is printed, then the eight stages show with difficulty and status', async () => {
    const { code, stdout } = await journey('roadmap');
    expect(code).toBe(0);
    for (const slug of STAGE_SLUGS) expect(stdout).toContain(slug);
    expect(stdout).toMatch(/monolith\s+Beginner\s+runnable/);
    // The last stage is built too: none is left "not started" for want of a pattern.
    expect(stdout).toMatch(/service-mesh\s+Advanced\s+runnable/);
    expect(stdout).not.toContain('not started');
  });

  it('when a stage is marked done, then the roadmap shows it done on the next run', async () => {
    expect((await journey('roadmap', 'done', 'layered')).code).toBe(0);
    expect((await journey('roadmap')).stdout).toMatch(/layered\s+Intermediate\s+done/);
  });

  it('when `journey test monolith` runs, then both suites pass on a fresh copy and it ends with "N passed, 0 failed"', async () => {
    const { code, stdout } = await journey('test', 'monolith');
    const last = stdout.trim().split('\n').at(-1);
    expect(last).toMatch(/^\d+ passed, 0 failed$/);
    expect(Number(last!.split(' ')[0])).toBeGreaterThan(350);
    expect(stdout).toContain('0 script errors');
    expect(code).toBe(0);
  });
});
