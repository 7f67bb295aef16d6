import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  connectControl,
  groupPids,
  isPortFree,
  type LogEvent,
  publishRun,
  readLogTail,
  readRunState,
  type StartEvent,
  type Supervisor,
  startTopology,
  UnknownProcessError,
} from '../src/index.js';
import { fixtureTopology } from './fixtures/fixture-topology.js';
import { isRunning } from './process-probes.js';

process.env.JOURNEY_HOME = mkdtempSync(join(tmpdir(), 'journey-supervisor-'));
const runDir = join(process.env.JOURNEY_HOME, 'run', 'fixture');

const getJson = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('supervisor of a running topology', () => {
  let supervisor: Supervisor;
  const startEvents: StartEvent[] = [];
  const logEvents: LogEvent[] = [];

  beforeAll(async () => {
    supervisor = await startTopology(fixtureTopology(), {
      db: 'sqlite',
      fresh: true,
      // A throw-away copy would otherwise get a scratch run dir; this one plays the learner's `journey up`.
      runDir,
      logFiles: true,
      graceMs: 3_000,
      onEvent: (event) => startEvents.push(event),
    });
    supervisor.on('log', (event) => logEvents.push(event));
  });
  afterAll(() => supervisor?.stop());

  const statusOf = async (name: string) => (await supervisor.status()).find((p) => p.name === name)!;

  it('when started, then processes come up in dependency order, each healthy before the next starts', async () => {
    expect(startEvents.map((e) => `${e.kind} ${'process' in e ? e.process : e.name}`)).toEqual([
      'starting back',
      'healthy back',
      'starting front',
      'healthy front',
    ]);
    // front reaches back through BACK_URL, which the lab derived from the http edge.
    const { status, body } = await getJson(`${supervisor.url}/upstream`);
    expect(status).toBe(200);
    expect(body.upstream).toMatchObject({ name: 'back' });
  });

  it('when a process starts, then JOURNEY_RUN_DIR tells it the run directory', async () => {
    expect((await getJson(`${supervisor.url}/`)).body.runDir).toBe(runDir);
  });

  it('when asked for status, then every process shows a live pid, its port, healthy, RSS and no restarts', async () => {
    const status = await supervisor.status();
    expect(status.map((p) => p.name)).toEqual(['back', 'front']);
    for (const p of status) {
      expect(p.state).toBe('running');
      expect(p.pid).not.toBeNull();
      expect(isRunning(p.pid!)).toBe(true);
      expect(p.url).toBe(`http://127.0.0.1:${p.port}`);
      expect(p.health).toEqual({ ok: true, detail: 'HTTP 200' });
      expect(p.rssBytes).toBeGreaterThan(1024 * 1024);
      expect(p.restarts).toBe(0);
    }
    expect(status.find((p) => p.name === 'front')!.url).toBe(supervisor.url);
  });

  it('when one process is killed, then it is marked exited with its signal, its group is gone, and the other keeps serving', async () => {
    const pid = (await statusOf('back')).pid!;
    expect(groupPids(pid).length).toBeGreaterThan(1); // back and its stubborn child
    const killed = await supervisor.kill('back');
    expect(killed).toMatchObject({ state: 'exited', pid: null, exit: { code: null, signal: 'SIGKILL' } });
    await vi.waitFor(() => expect(groupPids(pid).filter(isRunning)).toEqual([]));
    expect((await statusOf('back')).health.ok).toBe(false);
    expect((await getJson(`${supervisor.url}/`)).status).toBe(200);
    expect((await getJson(`${supervisor.url}/upstream`)).status).toBe(503);
  });

  it('when a killed process is restarted, then it serves on the same port again and counts one restart', async () => {
    const port = (await statusOf('back')).port;
    const restarted = await supervisor.restart('back');
    expect(restarted).toMatchObject({ state: 'running', port, restarts: 1, exit: null });
    expect((await getJson(`${supervisor.url}/upstream`)).status).toBe(200);
    expect(await statusOf('back')).toMatchObject({ port, restarts: 1, health: { ok: true } });
  });

  it('when a process that runs is killed with SIGTERM, then it shuts down cleanly (exit code 0) and stays down', async () => {
    const killed = await supervisor.kill('back', 'SIGTERM');
    expect(killed).toMatchObject({ state: 'exited', exit: { code: 0, signal: null } });
    await expect(supervisor.kill('back')).rejects.toThrow('back is not running (exited)');
    await supervisor.restart('back');
  });

  it("when processes log, then each line is emitted with its process name and kept in that process's file", () => {
    const logDir = join(runDir, 'logs');
    const lines = readLogTail(logDir, ['back', 'front'], 1_000);
    const fileLine = (name: string) =>
      lines.some((r) => r.process === name && r.line.includes(`${name} listening`));
    expect(fileLine('back')).toBe(true);
    expect(fileLine('front')).toBe(true);
    expect(lines.every((r, i) => i === 0 || lines[i - 1]!.time <= r.time)).toBe(true);
    expect(logEvents.some((e) => e.process === 'back' && e.line.includes('back listening'))).toBe(true);
    expect(readLogTail(logDir, ['front'], 2)).toHaveLength(2);
  });

  it('when a process name is unknown, then the error names the processes there are', async () => {
    const error = await supervisor.restart('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownProcessError);
    expect((error as UnknownProcessError).choices).toEqual(['back', 'front']);
  });

  it('when published, then a client on the control socket sees and acts on the same processes', async () => {
    const run = await publishRun(supervisor);
    try {
      const state = readRunState('fixture')!;
      expect(state.socket).toBe(run.state.socket);
      expect(state.runDir).toBe(runDir);
      const control = connectControl(state);
      expect((await control.status()).map((p) => [p.name, p.health.ok])).toEqual([
        ['back', true],
        ['front', true],
      ]);
      expect(await control.kill('front')).toMatchObject({ state: 'exited', exit: { signal: 'SIGKILL' } });
      // The state file follows: the dead process has no pid.
      expect(readRunState('fixture')!.processes.find((p) => p.name === 'front')!.pid).toBeNull();
      expect(await control.restart('front')).toMatchObject({ state: 'running', restarts: 1 });
      const unknown = await control.kill('nope').catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(UnknownProcessError);
      expect((unknown as UnknownProcessError).choices).toEqual(['back', 'front']);
    } finally {
      await run.close();
    }
    expect(readRunState('fixture')).toBeUndefined();
  });

  it('when stopped, then every process and whatever it forked is gone and every port is free', async () => {
    const status = await supervisor.status();
    const pids = status.flatMap((p) => groupPids(p.pid!));
    expect(pids.length).toBeGreaterThan(2);
    await supervisor.stop();
    await vi.waitFor(() => expect(pids.filter(isRunning)).toEqual([]));
    for (const p of status) expect(await isPortFree(p.port)).toBe(true);
    expect(supervisor.snapshot().map((p) => p.state)).toEqual(['stopped', 'stopped']);
    await expect(supervisor.restart('back')).rejects.toThrow('is stopping');
  });
});

describe('a process that answers the lab on an admin port', () => {
  let supervisor: Supervisor;
  const topology = fixtureTopology('admin-port');
  topology.processes = topology.processes.map((p) =>
    p.name === 'back' ? { ...p, adminPortEnv: 'ADMIN_PORT' } : p,
  );

  beforeAll(async () => {
    // back answers its health on the admin port only: probed on its own port, it never starts.
    supervisor = await startTopology(topology, { fresh: true, graceMs: 3_000 });
  });
  afterAll(() => supervisor?.stop());

  const back = async () => (await supervisor.status()).find((p) => p.name === 'back')!;

  it('when started, then it gets a second port in its variable, healthy there, while callers get its own port', async () => {
    const status = await back();
    expect(status.health).toEqual({ ok: true, detail: 'HTTP 200' });
    expect(status.adminPort).toBeGreaterThan(0);
    expect(status.adminPort).not.toBe(status.port);
    expect(status.adminUrl).toBe(`http://127.0.0.1:${status.adminPort}`);
    expect(status.url).toBe(`http://127.0.0.1:${status.port}`);
    expect((await getJson(`${status.url}/env/ADMIN_PORT`)).body.value).toBe(String(status.adminPort));
    expect((await getJson(`${supervisor.url}/upstream`)).body.upstream).toMatchObject({ name: 'back' });
    expect(supervisor.running().processes.find((p) => p.name === 'back')!.url).toBe(status.url);
    expect((await supervisor.status()).find((p) => p.name === 'front')!.adminPort).toBeUndefined();
  });

  it('when killed and restarted, then its health is probed on the same admin port again', async () => {
    const before = await back();
    await supervisor.kill('back');
    expect((await back()).health.ok).toBe(false);
    expect(await supervisor.restart('back')).toMatchObject({ state: 'running', adminPort: before.adminPort });
    expect((await back()).health).toEqual({ ok: true, detail: 'HTTP 200' });
  });
});

describe('stopping what does not want to stop', () => {
  it('when a process ignores SIGTERM, then it is killed with SIGKILL after the grace period', async () => {
    const topology = fixtureTopology('stubborn');
    topology.processes = topology.processes.map((p) => ({ ...p, env: { ...p.env, IGNORE_SIGTERM: '1' } }));
    const supervisor = await startTopology(topology, { db: 'sqlite', fresh: true, graceMs: 500 });
    const pids = (await supervisor.status()).flatMap((p) => groupPids(p.pid!));
    const stopped: string[] = [];
    supervisor.on('state', (p) => p.state === 'stopped' && stopped.push(`${p.name} ${p.exit?.signal}`));
    await supervisor.stop();
    expect(stopped).toEqual(['front SIGKILL', 'back SIGKILL']);
    await vi.waitFor(() => expect(pids.filter(isRunning)).toEqual([]));
  });

  it('when start-up is aborted (Ctrl-C), then what already started is stopped and the start fails', async () => {
    const abort = new AbortController();
    const started = new Set<string>();
    const pids = new Set<number>();
    const starting = startTopology(fixtureTopology('aborted'), {
      db: 'sqlite',
      fresh: true,
      signal: abort.signal,
      // The fixture logs pino JSON lines, which carry the writer's pid.
      log: (_name, line) => pids.add((JSON.parse(line) as { pid: number }).pid),
      onEvent: (event) => {
        if (event.kind === 'starting') started.add(event.process);
        if (event.kind === 'healthy') abort.abort(new Error('Ctrl-C during start-up'));
      },
    });
    await expect(starting).rejects.toThrow('Ctrl-C during start-up');
    expect([...started]).toEqual(['back']);
    expect(pids.size).toBe(1);
    await vi.waitFor(() => expect([...pids].filter(isRunning)).toEqual([]));
  });
});

describe('a topology started through the infrastructure registry', () => {
  it('when it declares a kind the registry does not know, then start fails naming the known kinds, before any process runs', async () => {
    const started: string[] = [];
    const topology = {
      ...fixtureTopology('unknown-kind'),
      infrastructure: [{ name: 'cache', kind: 'redis', urlEnv: 'CACHE_URL' }],
    };
    await expect(
      startTopology(topology, { fresh: true, onEvent: (event) => started.push(event.kind) }),
    ).rejects.toThrow(/"cache" is of unknown kind "redis"; known kinds: database, broker/);
    expect(started).toEqual([]);
  });

  it('when the choice for a kind is one it does not offer, then start fails naming the choices and the flag', async () => {
    const topology = {
      ...fixtureTopology('bad-choice'),
      infrastructure: [{ name: 'db', kind: 'database', urlEnv: 'DATABASE_URL' }],
    };
    await expect(startTopology(topology, { fresh: true, choices: { database: 'mysql' } })).rejects.toThrow(
      /no database "mysql"; choose one of sqlite, postgres \(--db\)/,
    );
  });

  it('when an edge between two processes is soap, then the caller is handed the callee URL as for http', async () => {
    const http = fixtureTopology('soap-edge');
    const topology = {
      ...http,
      edges: http.edges.map((edge) => (edge.from === 'front' ? { ...edge, protocol: 'soap' } : edge)),
    };
    const supervisor = await startTopology(topology, { fresh: true, graceMs: 500 });
    try {
      const { status, body } = await getJson(`${supervisor.url}/upstream`);
      expect(status).toBe(200);
      expect(body.upstream).toMatchObject({ name: 'back' });
    } finally {
      await supervisor.stop();
    }
  });
});
