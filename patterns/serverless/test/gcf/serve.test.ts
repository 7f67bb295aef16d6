import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateConduitDatabase } from '../../core/migrate.js';
import { conduitFunctions } from '../../functions/index.js';
import { type GcfRuntime, startGcfRuntime } from './gcf-runtime.js';

/** The local GCF runtime as a child process, on SQLite (one instance per function: one writer is enough). */
const dir = mkdtempSync(join(tmpdir(), 'gcf-serve-'));
let runtime: GcfRuntime;

beforeAll(async () => {
  const databaseUrl = join(dir, 'conduit.sqlite');
  await migrateConduitDatabase(databaseUrl);
  runtime = await startGcfRuntime({ DATABASE_URL: databaseUrl });
});

afterAll(() => {
  if (runtime.process.exitCode === null) runtime.process.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('local GCF runtime (serve.ts)', () => {
  it('when it starts, then every function of the map runs in its own framework process', () => {
    const { functions } = runtime;

    expect(functions.map(({ name }) => name).sort()).toEqual(conduitFunctions.map(({ name }) => name).sort());
    expect(new Set(functions.map(({ pid }) => pid)).size).toBe(conduitFunctions.length);
    expect(functions.every(({ pid }) => isRunning(pid))).toBe(true);
  });

  it('when GET /api/tags arrives at the gateway, then the tags function answers it', async () => {
    const response = await fetch(`${runtime.url}/api/tags`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tags: [] });
  });

  it('when a path no function serves arrives, then the gateway answers 404 in the RealWorld shape', async () => {
    const response = await fetch(`${runtime.url}/api/nothing-here`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: { route: ['no function serves GET /api/nothing-here'] },
    });
  });

  it('when it gets SIGTERM, then it exits cleanly and leaves no function process behind', async () => {
    expect(await runtime.stop()).toBe(0);
    expect(runtime.functions.filter(({ pid }) => isRunning(pid))).toEqual([]);
  });
});
