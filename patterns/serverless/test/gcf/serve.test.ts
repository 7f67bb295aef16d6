import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateConduitDatabase } from '../../core/migrate.js';
import { conduitFunctions } from '../../functions/index.js';

/**
 * The local GCF runtime as `journey up` would start it: serve.ts as a child process, on SQLite (one
 * instance per function, so one writer at a time is enough here).
 */
const SERVE = fileURLToPath(new URL('../../platforms/gcf/serve.ts', import.meta.url));

interface LogLine {
  msg?: string;
  address?: string;
  functions?: { name: string; pid: number; url: string }[];
}

const dir = mkdtempSync(join(tmpdir(), 'gcf-serve-'));
let runtime: ChildProcess;
let exited: Promise<number | null>;
let url: string;
let functions: NonNullable<LogLine['functions']>;

beforeAll(async () => {
  const databaseUrl = join(dir, 'conduit.sqlite');
  await migrateConduitDatabase(databaseUrl);
  runtime = spawn(process.execPath, ['--import', 'tsx', SERVE], {
    env: { ...process.env, PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  exited = new Promise((resolve) => runtime.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    void exited.then((code) => reject(new Error(`serve.ts exited with ${code} before listening`)));
    createInterface({ input: runtime.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as LogLine;
      if (line.msg === 'gcf functions started') functions = line.functions!;
      if (line.msg === 'gcf runtime listening') {
        url = line.address!;
        resolve();
      }
    });
  });
});

afterAll(async () => {
  if (runtime.exitCode === null) runtime.kill('SIGKILL');
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
    expect(functions.map(({ name }) => name).sort()).toEqual(conduitFunctions.map(({ name }) => name).sort());
    expect(new Set(functions.map(({ pid }) => pid)).size).toBe(conduitFunctions.length);
    expect(functions.every(({ pid }) => isRunning(pid))).toBe(true);
  });

  it('when GET /api/tags arrives at the gateway, then the tags function answers it', async () => {
    const response = await fetch(`${url}/api/tags`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tags: [] });
  });

  it('when a path no function serves arrives, then the gateway answers 404 in the RealWorld shape', async () => {
    const response = await fetch(`${url}/api/nothing-here`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: { route: ['no function serves GET /api/nothing-here'] },
    });
  });

  it('when it gets SIGTERM, then it exits cleanly and leaves no function process behind', async () => {
    runtime.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(functions.filter(({ pid }) => isRunning(pid))).toEqual([]);
  });
});
