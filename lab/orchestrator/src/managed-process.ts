import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { compileCommand } from '@journey/runner';
import type { ProcessSpec } from '@journey/topology';
import { repoRoot } from './repo-root.js';

export type LogSink = (process: string, line: string, stream: 'stdout' | 'stderr') => void;

/** How a process ended: an exit code, or the signal that ended it (one of the two is null). */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export const describeExit = (exit: ExitStatus) =>
  exit.signal ? `signal ${exit.signal}` : `code ${exit.code ?? 'unknown'}`;

export interface ManagedProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Resolves once the process is gone. */
  exited: Promise<ExitStatus>;
}

/**
 * `node` in a topology command means this very Node binary, so the lab and its patterns share a
 * runtime; a `node --import tsx` command runs compiled (@journey/runner, ADR 18).
 */
async function resolveCommand(command: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const [bin, ...args] = await compileCommand(command, { cwd: repoRoot, env });
  return bin === 'node' ? [process.execPath, ...args] : [bin!, ...args];
}

/**
 * Starts one process of a topology in its own process group, so stopping it also stops whatever it
 * forked (cluster workers), and a Ctrl-C in the terminal reaches the lab first, which then shuts
 * everything down in order.
 */
export async function spawnProcess(
  spec: ProcessSpec,
  port: number,
  env: Record<string, string>,
  log: LogSink,
): Promise<ManagedProcess> {
  const childEnv = {
    ...process.env,
    ...spec.env,
    ...env,
    [spec.portEnv]: String(port),
    JOURNEY_OWNER_PID: String(process.pid),
  };
  const [command, ...args] = await resolveCommand(spec.command, childEnv).catch((error: Error) => {
    throw new Error(`${spec.name} could not be compiled: ${error.message}`, { cause: error });
  });
  const child = spawn(command!, args, {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of ['stdout', 'stderr'] as const) {
    createInterface({ input: child[stream]! }).on('line', (line) => log(spec.name, line, stream));
  }
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      log(spec.name, `could not start ${command}: ${error.message}`, 'stderr');
      resolve({ code: null, signal: null });
    });
  });
  return { name: spec.name, port, url: `http://127.0.0.1:${port}`, child, exited };
}

export const isAlive = (proc: ManagedProcess) =>
  proc.child.pid !== undefined && proc.child.exitCode === null && proc.child.signalCode === null;

/** Sends a signal to the process and everything in its group; a group that is already gone is fine. */
export function signalGroup(proc: ManagedProcess, signal: NodeJS.Signals): void {
  if (proc.child.pid === undefined) return;
  try {
    process.kill(-proc.child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Polls the health URL (the process's own port, or its admin port) until it answers 200, the process
 * dies, `signal` aborts, or the deadline passes.
 */
export async function waitHealthy(
  proc: ManagedProcess,
  healthUrl: string,
  signal?: AbortSignal,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => {
    exited = true;
  });
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (exited) throw new Error(`${proc.name} exited before it became healthy (its log lines say why)`);
    try {
      const response = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${proc.name} was not healthy at ${healthUrl} after ${timeoutMs} ms (${lastError})`);
}

/**
 * `signal` (SIGTERM unless told) to the whole process group, then SIGKILL after the grace period:
 * nothing is left behind. Resolves with how the process ended.
 */
export async function stopProcess(
  proc: ManagedProcess,
  graceMs = 10_000,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<ExitStatus> {
  if (!isAlive(proc)) {
    signalGroup(proc, 'SIGKILL');
    return proc.exited;
  }
  signalGroup(proc, signal);
  const timer = setTimeout(() => signalGroup(proc, 'SIGKILL'), graceMs);
  const exit = await proc.exited;
  clearTimeout(timer);
  // Cluster workers may outlive a primary killed hard; make sure the group is empty.
  signalGroup(proc, 'SIGKILL');
  return exit;
}
