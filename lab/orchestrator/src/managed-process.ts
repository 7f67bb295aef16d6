import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ProcessSpec } from '@journey/topology';
import { repoRoot } from './repo-root.js';

export type LogSink = (process: string, line: string, stream: 'stdout' | 'stderr') => void;

export interface ManagedProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** `node` in a topology command means this very Node binary, so the lab and its patterns share a runtime. */
const resolveCommand = ([bin, ...args]: string[]) =>
  bin === 'node' ? [process.execPath, ...args] : [bin!, ...args];

/**
 * Starts one process of a topology in its own process group, so stopping it also stops whatever it
 * forked (cluster workers), and a Ctrl-C in the terminal reaches the lab first, which then shuts
 * everything down in order.
 */
export function spawnProcess(
  spec: ProcessSpec,
  port: number,
  env: Record<string, string>,
  log: LogSink,
): ManagedProcess {
  const [command, ...args] = resolveCommand(spec.command);
  const child = spawn(command!, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...spec.env,
      ...env,
      [spec.portEnv]: String(port),
      JOURNEY_OWNER_PID: String(process.pid),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of ['stdout', 'stderr'] as const) {
    createInterface({ input: child[stream]! }).on('line', (line) => log(spec.name, line, stream));
  }
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code));
    child.once('error', (error) => {
      log(spec.name, `could not start ${command}: ${error.message}`, 'stderr');
      resolve(null);
    });
  });
  return { name: spec.name, port, url: `http://127.0.0.1:${port}`, child, exited };
}

/** Polls the health path until it answers 200, the process dies, or the deadline passes. */
export async function waitHealthy(proc: ManagedProcess, path: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => {
    exited = true;
  });
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${proc.name} exited before it became healthy (see its log lines above)`);
    try {
      const response = await fetch(`${proc.url}${path}`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${proc.name} was not healthy at ${proc.url}${path} after ${timeoutMs} ms (${lastError})`);
}

/** SIGTERM to the whole process group, then SIGKILL after the grace period: nothing is left behind. */
export async function stopProcess(proc: ManagedProcess, graceMs = 10_000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null || proc.child.pid === undefined) return;
  const group = -proc.child.pid;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(group, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await proc.exited;
  clearTimeout(timer);
  // Cluster workers may outlive a primary killed hard; make sure the group is empty.
  signal('SIGKILL');
}
