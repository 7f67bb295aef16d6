import type { PlannedProcess } from '../deployment-plan.js';
import type { Podman } from './podman.js';

export type HealthEvent =
  | { kind: 'waiting'; processes: string[]; elapsedMs: number }
  | { kind: 'healthy'; process: string; ms: number };

export interface HealthWait {
  processes: readonly PlannedProcess[];
  /** The pods `podman kube play` made, whose containers are watched for an early exit. */
  pods: readonly string[];
  timeoutMs: number;
  onEvent?: (event: HealthEvent) => void;
  signal?: AbortSignal;
}

const POLL_MS = 500;
const REPORT_EVERY_MS = 2_000;
const LOG_LINES = 30;

/** Where a process answers its health from the host: hostNetwork puts it on 127.0.0.1. */
export const healthUrl = (process: PlannedProcess) =>
  `http://127.0.0.1:${process.adminPort ?? process.port}${process.spec.health}`;

/**
 * Waits until every process answers 200 on its health path, as the readiness probes would. A
 * container that exits first, or a process still unhealthy at the deadline, fails the wait with the
 * end of its container's log, so the reason is in the error rather than in `podman logs`.
 */
export async function waitUntilHealthy(podman: Podman, wait: HealthWait): Promise<void> {
  const started = Date.now();
  const pending = new Map(wait.processes.map((process) => [process.name, process]));
  let lastReport = started;
  while (pending.size > 0) {
    wait.signal?.throwIfAborted();
    await Promise.all(
      [...pending.values()].map(async (process) => {
        if (await answers(healthUrl(process))) {
          pending.delete(process.name);
          wait.onEvent?.({ kind: 'healthy', process: process.name, ms: Date.now() - started });
        }
      }),
    );
    if (pending.size === 0) return;
    const exited = await exitedContainers(podman, wait.pods);
    if (exited.length > 0) {
      throw new Error(
        `${exited.map((c) => `${c.name} exited with code ${c.exitCode}`).join(', ')} before it was healthy:\n${await logTails(
          podman,
          exited.map((c) => c.name),
        )}`,
      );
    }
    const elapsedMs = Date.now() - started;
    if (elapsedMs > wait.timeoutMs) {
      throw new Error(
        `${[...pending.keys()].join(', ')} not healthy after ${Math.round(elapsedMs / 1000)} s (${[...pending.values()].map(healthUrl).join(', ')}):\n${await logTails(podman, await containersOf(podman, wait.pods))}`,
      );
    }
    if (Date.now() - lastReport >= REPORT_EVERY_MS) {
      lastReport = Date.now();
      wait.onEvent?.({ kind: 'waiting', processes: [...pending.keys()], elapsedMs });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

interface ContainerState {
  name: string;
  state: string;
  exitCode: number;
  isInfra: boolean;
}

/** The pods' containers other than their infra (pause) container, as `podman ps` sees them now. */
async function listContainers(podman: Podman, pods: readonly string[]): Promise<ContainerState[]> {
  if (pods.length === 0) return [];
  const output = await podman.run([
    'ps',
    '--all',
    '--format',
    'json',
    ...pods.flatMap((pod) => ['--filter', `pod=${pod}`]),
  ]);
  const rows = JSON.parse(output || '[]') as {
    Names: string[];
    State: string;
    ExitCode: number;
    IsInfra: boolean;
  }[];
  return rows
    .map((row) => ({ name: row.Names[0]!, state: row.State, exitCode: row.ExitCode, isInfra: row.IsInfra }))
    .filter((container) => !container.isInfra);
}

const exitedContainers = async (podman: Podman, pods: readonly string[]) =>
  (await listContainers(podman, pods)).filter((container) => container.state === 'exited');

const containersOf = async (podman: Podman, pods: readonly string[]) =>
  (await listContainers(podman, pods)).map((container) => container.name);

async function logTails(podman: Podman, containers: readonly string[]): Promise<string> {
  const tails = await Promise.all(
    containers.map(async (name) => {
      const lines = await podman
        .run(['logs', '--tail', String(LOG_LINES), name], { withStderr: true })
        .catch((error: Error) => `(no log: ${error.message})`);
      return `--- ${name} (last ${LOG_LINES} lines)\n${lines.trimEnd()}`;
    }),
  );
  return tails.join('\n');
}
