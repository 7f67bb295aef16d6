import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  groupPids,
  isPortFree,
  type PublishedRun,
  publishRun,
  type RunState,
  repoRoot,
  type Supervisor,
  startTopology,
} from '@journey/orchestrator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixtureTopology } from '../../orchestrator/test/fixtures/fixture-topology.js';
import { isRunning } from '../../orchestrator/test/process-probes.js';

// Run state and control sockets live under JOURNEY_HOME: this file's topologies and the `journey`
// children it starts share one, as two terminals of one learner would.
const home = mkdtempSync(join(tmpdir(), 'journey-topology-'));
process.env.JOURNEY_HOME = home;

const cli = (args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', 'lab/cli/src/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, JOURNEY_HOME: home },
  });

/** A `journey` child that keeps running (`up`, `logs --follow`), with its output so far. */
function background(...args: string[]) {
  const child = cli(args);
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output, exited };
}

/** A `journey` command run to its end, from "another terminal". */
async function journey(...args: string[]) {
  const run = background(...args);
  const code = await run.exited;
  return { code, ...run.output };
}

const runState = (pattern: string) =>
  JSON.parse(readFileSync(join(home, 'run', `${pattern}.json`), 'utf8')) as RunState;

describe('journey ps|logs|kill|restart from another terminal, on topologies this test runs', () => {
  const running: Array<{ supervisor: Supervisor; run: PublishedRun }> = [];

  beforeAll(async () => {
    for (const id of ['fixture-a', 'fixture-b']) {
      const supervisor = await startTopology(fixtureTopology(id), {
        db: 'sqlite',
        fresh: true,
        logFiles: true,
      });
      running.push({ supervisor, run: await publishRun(supervisor) });
    }
  });
  afterAll(async () => {
    for (const { supervisor, run } of running) {
      await supervisor.stop();
      await run.close();
    }
  });

  it('when no pattern is named, then ps shows every running topology with pid, port, health, RSS and restarts', async () => {
    const { code, stdout } = await journey('ps');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^fixture-a at http:\/\/127\.0\.0\.1:\d+\/api \(journey up, pid \d+\)$/m);
    expect(stdout).toContain('fixture-b at');
    expect(stdout).toMatch(/PROCESS\s+PID\s+PORT\s+STATE\s+HEALTH\s+RSS\s+RESTARTS\s+UPTIME/);
    expect(stdout).toMatch(/^back\s+\d+\s+\d+\s+running\s+healthy\s+[\d.]+ MB\s+0\s+\d+s$/m);
  });

  it('when ps is asked for JSON, then each process has a live pid, a port, its health and RSS', async () => {
    const { code, stdout } = await journey('ps', 'fixture-a', '--json');
    expect(code).toBe(0);
    const [report] = JSON.parse(stdout) as Array<{
      pattern: string;
      processes: Array<{
        name: string;
        pid: number;
        port: number;
        rssBytes: number;
        health: { ok: boolean };
      }>;
    }>;
    expect(report!.pattern).toBe('fixture-a');
    for (const p of report!.processes) {
      expect(isRunning(p.pid)).toBe(true);
      expect(p.port).toBeGreaterThan(0);
      expect(p.rssBytes).toBeGreaterThan(0);
      expect(p.health.ok).toBe(true);
    }
  });

  it('when the pattern is left out while two run, then one line names the running ones and the exit code is 2', async () => {
    const { code, stderr } = await journey('kill', 'back');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('2 topologies are running, name one (choose from: fixture-a, fixture-b)');
  });

  it('when a process name is unknown, then one line names the processes of that topology', async () => {
    const { code, stderr } = await journey('restart', 'fixture-a', 'bakc');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('journey restart: fixture-a has no process "bakc" (choose from: back, front)');
  });

  it('when kill then restart run from another terminal, then the process is down, the rest serves, and it comes back on its port', async () => {
    const { supervisor } = running[0]!;
    const port = runState('fixture-a').processes.find((p) => p.name === 'back')!.port;
    const killed = await journey('kill', 'fixture-a', 'back');
    expect(killed.stdout).toContain('back of fixture-a is down (signal SIGKILL)');
    expect(killed.code).toBe(0);
    expect(supervisor.snapshot().find((p) => p.name === 'back')).toMatchObject({
      state: 'exited',
      pid: null,
    });
    expect((await fetch(`${supervisor.url}/health`)).status).toBe(200);
    expect((await fetch(`${supervisor.url}/upstream`)).status).toBe(503);

    const restarted = await journey('restart', 'fixture-a', 'back');
    expect(restarted.stdout).toContain(`on http://127.0.0.1:${port} (restarts: 1)`);
    expect(restarted.code).toBe(0);
    expect((await fetch(`${supervisor.url}/upstream`)).status).toBe(200);
  });

  it('when logs are asked for, then lines of every process come with their name in front', async () => {
    await fetch(`${running[1]!.supervisor.url}/upstream`);
    const { code, stdout } = await journey('logs', 'fixture-b', '--lines', '100');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\[back\] \d\d:\d\d:\d\d INFO {2}back listening/m);
    expect(stdout).toMatch(/^\[front\] \d\d:\d\d:\d\d INFO {2}front answers url=\/upstream/m);
    const onlyBack = await journey('logs', 'fixture-b', 'back', '-n', '1');
    expect(onlyBack.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^\[back\] /)]);
  });
});

describe('journey up monolith, driven from other terminals', () => {
  const started: Array<ReturnType<typeof background>> = [];
  // A failed test must not leave a topology running behind it.
  afterAll(async () => {
    for (const { child, exited } of started) {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    }
  });

  async function up(port: number) {
    const run = background('up', 'monolith', '--port', String(port));
    started.push(run);
    await vi.waitFor(
      () => {
        if (run.child.exitCode !== null) throw new Error(`journey up exited:\n${run.output.stderr}`);
        expect(run.output.stderr).toContain('is serving the Conduit API');
      },
      { timeout: 180_000, interval: 100 },
    );
    return run;
  }

  const everyPid = (state: RunState) => state.processes.flatMap((p) => (p.pid ? groupPids(p.pid) : []));

  it('when up, ps, restart and down run in turn, then it serves, restarts on its port, and down leaves nothing', async () => {
    const port = await freePort();
    const upRun = await up(port);
    const ps = await journey('ps', 'monolith');
    expect(ps.stdout).toContain(`on SQLite ${join(home, 'data', 'monolith', 'db.sqlite')}\n`);
    expect(ps.stdout).toMatch(
      new RegExp(`^app\\s+\\d+\\s+${port}\\s+running\\s+healthy\\s+[\\d.]+ MB\\s+0\\s`, 'm'),
    );

    const restarted = await journey('restart', 'monolith', 'app');
    expect(restarted.stdout).toContain(`on http://127.0.0.1:${port} (restarts: 1)`);
    expect((await fetch(`http://127.0.0.1:${port}/api/tags`)).status).toBe(200);
    expect(upRun.output.stderr).toContain('app is healthy again (restarts: 1)');

    const pids = everyPid(runState('monolith'));
    expect(pids.length).toBeGreaterThan(0);
    const down = await journey('down');
    expect(down.stdout).toContain('monolith stopped, nothing left running');
    expect(down.code).toBe(0);
    expect(await upRun.exited).toBe(0);
    expect(pids.filter(isRunning)).toEqual([]);
    expect(await isPortFree(port)).toBe(true);
    expect((await journey('ps')).stdout).toContain('nothing is running');
  }, 300_000);

  // Ctrl-C in the terminal: the processes are in their own process groups, so only `up` gets it.
  it('when `journey up` gets SIGINT, then it stops everything, exits 0, and a follower of its logs ends too', async () => {
    const port = await freePort();
    const upRun = await up(port);
    const pids = everyPid(runState('monolith'));
    const follower = background('logs', 'monolith', '--follow', '--lines', '1');
    await vi.waitFor(() => expect(follower.output.stdout).toContain('[app]'), {
      timeout: 120_000,
      interval: 100,
    });

    upRun.child.kill('SIGINT');
    expect(await upRun.exited).toBe(0);
    expect(upRun.output.stderr).toContain('✓ stopped, nothing left running');
    expect(pids.filter(isRunning)).toEqual([]);
    expect(await isPortFree(port)).toBe(true);
    expect(await follower.exited).toBe(0);
    expect(follower.output.stdout).toContain('shutting down');
  }, 300_000);
});
