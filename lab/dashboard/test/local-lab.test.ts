import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupPids, loadTopology, repoRoot } from '@journey/orchestrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabPort, PatternRun } from '../src/server/lab-port.js';
import { createLocalLab } from '../src/server/local-lab.js';

/**
 * The dashboard's lab on real topologies: what the stage page shows comes from the processes
 * themselves. Each run keeps its data under a throw-away JOURNEY_HOME.
 */

// Waits for topologies to start on a loaded 2-core machine; not timing assertions.
const SLOW = 180_000;

describe('the dashboard’s local lab', () => {
  let home: string;
  let lab: LabPort;
  const savedHome = process.env.JOURNEY_HOME;

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'journey-local-lab-'));
    process.env.JOURNEY_HOME = home;
    lab = createLocalLab();
  });
  afterAll(async () => {
    await lab?.close();
    if (savedHome === undefined) delete process.env.JOURNEY_HOME;
    else process.env.JOURNEY_HOME = savedHome;
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const edgeRate = (run: PatternRun, from: string, to: string) =>
    run.edges.find((e) => e.from === from && e.to === to)?.requestsPerSecond;

  it('when microservices serve requests, then each http edge carries the rate its caller counted', {
    timeout: SLOW,
  }, async () => {
    const { url } = await lab.start('microservices');
    const gatewayCallsArticles = async () => {
      const response = await fetch(`${url}/api/articles?limit=1`);
      expect(response.status).toBe(200);
      return edgeRate(lab.runOf('microservices'), 'gateway', 'articles') ?? 0;
    };
    await expect.poll(gatewayCallsArticles, { timeout: SLOW }).toBeGreaterThan(0);
    const run = lab.runOf('microservices');
    expect(edgeRate(run, 'client', 'gateway')).toBeGreaterThan(0);
    // Listing articles never asks comments for anything: that edge is measured, and idle.
    expect(edgeRate(run, 'articles', 'comments')).toBe(0);
    expect(run.edges.every((e) => !e.to.endsWith('-db'))).toBe(true);
    // Every database is probed too: its SQLite file is there, with the data the requests read.
    const databases = (await loadTopology('microservices')).infrastructure.map((i) => i.name);
    expect(run.infrastructure.map((piece) => piece.name)).toEqual(databases);
    for (const piece of run.infrastructure)
      expect(piece).toMatchObject({ kind: 'database', choice: 'sqlite', healthy: true, rssBytes: null });
    expect(run.infrastructure.every((piece) => (piece.fileBytes ?? 0) > 0)).toBe(true);
    await lab.stop('microservices');
    expect(lab.runOf('microservices')).toMatchObject({ edges: [], infrastructure: [] });
  });

  it('when the monolith is started with two workers (npm start -- --workers 2), then its process group holds both', {
    timeout: SLOW,
  }, async () => {
    const { url, processes } = await lab.start('monolith', { workers: 2 });
    expect((await fetch(`${url}/api/tags`)).status).toBe(200);
    const [app] = processes;
    // node:cluster's primary and the two workers it forked, all in the group the lab started.
    expect(groupPids(app!.pid!)).toHaveLength(3);
    await lab.stop('monolith');
  });

  it('when layered runs under `journey up` in another terminal, then what it runs on and its log are shown, and new lines stream in', {
    timeout: SLOW,
  }, async () => {
    const up = spawn(
      process.execPath,
      ['--import', 'tsx', 'lab/cli/src/main.ts', 'up', 'layered', '--port', '0'],
      { cwd: repoRoot, env: { ...process.env, JOURNEY_HOME: home }, stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => up.on('close', resolve));
    try {
      await expect.poll(() => lab.runOf('layered').state, { timeout: SLOW }).toBe('elsewhere');
      // What it runs on comes from the other terminal's run state.
      expect(lab.runOf('layered').infrastructureDescribed).toBe(
        `SQLite ${join(home, 'data', 'layered', 'db.sqlite')}`,
      );
      const listening = /Conduit API listening/;
      expect(
        lab.recentLogs('layered').filter((l) => l.process === 'app' && listening.test(l.line)),
      ).toHaveLength(1);
      const streamed: string[] = [];
      const unsubscribe = lab.subscribe((event) => {
        if (event.kind === 'log' && event.pattern === 'layered') streamed.push(event.line);
      });
      // A restart through its control socket makes the process log its start again, into its log file.
      await lab.restart('layered', 'app');
      await expect.poll(() => streamed.some((line) => listening.test(line)), { timeout: SLOW }).toBe(true);
      unsubscribe();
      expect(lab.recentLogs('layered').filter((l) => listening.test(l.line))).toHaveLength(2);
    } finally {
      up.kill('SIGTERM');
      await exited;
    }
  });

  it('when a topology without workersEnv is asked for workers, then the start is refused before anything runs', async () => {
    await expect(lab.start('layered', { workers: 2 })).rejects.toThrow(/layered does not support --workers/);
    expect(lab.runOf('layered').state).toBe('stopped');
  });
});
