import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostedUnitsReport } from '@journey/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conduitFunctions, eventFunctions } from '../../functions/index.js';
import { groupAlive } from '../aws/offline-support.js';
import { isRunning, type RuntimeProcess, startRuntimeProcess } from './runtime-process.js';

/** The local runtime as a child process: GCF on SQLite with --single (one instance per function). */
const dir = mkdtempSync(join(tmpdir(), 'serverless-main-'));
let runtime: RuntimeProcess;

beforeAll(async () => {
  runtime = await startRuntimeProcess({
    DATABASE_URL: join(dir, 'conduit.sqlite'),
    SERVERLESS_PLATFORM: 'gcf',
    SERVERLESS_SINGLE: 'true',
  });
});

afterAll(() => {
  if (runtime.process.exitCode === null) runtime.process.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('local runtime (main.ts) on GCF', () => {
  it('when it starts, then it has migrated the database and every function runs in its own framework process', () => {
    const { processes } = runtime;

    expect(runtime.lines.some((line) => line.includes('"msg":"database migrated"'))).toBe(true);
    const functions = [...conduitFunctions, ...eventFunctions].map(({ name }) => name);
    expect(processes.map(({ name }) => name).sort()).toEqual(functions.sort());
    expect(new Set(processes.map(({ pid }) => pid)).size).toBe(functions.length);
    expect(processes.every(({ pid }) => isRunning(pid))).toBe(true);
  });

  it('when GET /api/tags arrives at the gateway, then the tags function answers it and /functions counts its instance', async () => {
    const response = await fetch(`${runtime.url}/api/tags`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tags: [] });

    // The invocation line may trail the answer: the report catches up once the line is read.
    let tags: HostedUnitsReport['units'][number] | undefined;
    while (!tags?.invocations) {
      const report = (await (await fetch(`${runtime.url}/functions`)).json()) as HostedUnitsReport;
      tags = report.units.find(({ name }) => name === 'tags');
    }
    expect(tags).toMatchObject({ trigger: 'http', instances: 1, invocations: 1, coldStarts: 1 });
  });

  it('when a path no function serves arrives, then the gateway answers 404 in the RealWorld shape', async () => {
    const response = await fetch(`${runtime.url}/api/nothing-here`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: { route: ['no function serves GET /api/nothing-here'] },
    });
  });

  it('when the functions log, then their lines reach the runtime’s stdout', () => {
    expect(runtime.lines.some((line) => line.includes('"msg":"invocation"'))).toBe(true);
  });

  it('when it gets SIGTERM, then it exits cleanly and leaves no function process behind', async () => {
    expect(await runtime.stop()).toBe(0);
    expect(runtime.processes.filter(({ pid }) => isRunning(pid))).toEqual([]);
  });
});

describe('local runtime (main.ts): a platform process that dies', () => {
  it('when a function process dies on its own, then the runtime stops the others and exits 1 for the supervisor to see', async () => {
    const crashing = await startRuntimeProcess({
      DATABASE_URL: join(dir, 'crash.sqlite'),
      SERVERLESS_PLATFORM: 'gcf',
      SERVERLESS_SINGLE: 'true',
    });
    const tags = crashing.processes.find(({ name }) => name === 'tags')!;
    process.kill(tags.pid, 'SIGKILL');

    expect(await crashing.exited).toBe(1);
    expect(crashing.processes.filter(({ pid }) => isRunning(pid))).toEqual([]);
    expect(crashing.lines.some((line) => line.includes('function tags exited (SIGKILL)'))).toBe(true);
  });
});

describe('local runtime (main.ts) on AWS, killed', () => {
  it('when the runtime is killed with SIGKILL, then serverless-offline’s own process group ends too', async () => {
    const killed = await startRuntimeProcess({
      DATABASE_URL: join(dir, 'killed.sqlite'),
      SERVERLESS_SINGLE: 'true',
    });
    const [offline] = killed.processes;
    expect(offline?.name).toBe('serverless-offline');
    killed.process.kill('SIGKILL');
    await killed.exited;

    // Its group outlives a SIGKILLed parent unless it watches for it: a bounded look, not a timing.
    for (let look = 0; look < 300 && groupAlive(offline!.pid); look++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(groupAlive(offline!.pid)).toBe(false);
  });
});

describe('local runtime (main.ts): databases it refuses', () => {
  it('when it is given SQLite without --single, then it refuses to start and says why in one line', async () => {
    const start = startRuntimeProcess({ DATABASE_URL: join(dir, 'fleet.sqlite') });

    await expect(start).rejects.toThrow(
      /SQLite holds one writer at a time; a fleet of instances needs PostgreSQL/,
    );
  });

  it('when PostgreSQL does not answer, then it refuses to start and names the server', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const start = startRuntimeProcess({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/conduit' });

    await expect(start).rejects.toThrow(/PostgreSQL at 127\.0\.0\.1:1\/conduit is not reachable/);
  });
});
