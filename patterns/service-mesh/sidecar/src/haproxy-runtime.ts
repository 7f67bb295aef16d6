import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A running sidecar changed without restarting it, over its two unix sockets: the runtime API (the
 * worker's stats socket, `level admin`) and the master CLI of master-worker mode. Both answer one
 * command per connection, once the client has finished sending (a half-close), then close.
 */

export class SidecarRuntimeError extends Error {
  override name = 'SidecarRuntimeError';
}

/** Longer than any command takes on a busy machine; a socket that says nothing for this long is stuck. */
const COMMAND_TIMEOUT_MS = 10_000;

/**
 * Sends one command (and a payload, the `<<` form that `set ssl cert` takes) and resolves with all the
 * socket answered. The payload ends at its first empty line, so empty lines are dropped from it.
 */
export function runtimeCommand(socket: string, command: string, payload?: string): Promise<string> {
  const text =
    payload === undefined
      ? `${command}\n`
      : `${command} <<\n${payload
          .split('\n')
          .filter((line) => line.trim() !== '')
          .join('\n')}\n\n`;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const client = connect(socket);
    client.setTimeout(COMMAND_TIMEOUT_MS, () =>
      client.destroy(new SidecarRuntimeError(`${socket} did not answer "${command}" in time`)),
    );
    client.on('data', (chunk: Buffer) => chunks.push(chunk));
    client.on('error', (error) =>
      reject(new SidecarRuntimeError(`"${command}" on ${socket}: ${error.message}`, { cause: error })),
    );
    client.on('close', (hadError) => {
      if (!hadError) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    client.end(text);
  });
}

/** One row of `show stat`: a frontend, a backend (svname FRONTEND/BACKEND) or a server, by CSV column. */
export type StatRow = Record<string, string>;

/** `show stat` as rows keyed by its CSV header (`pxname`, `svname`, `status`, `weight`, `stot`…). */
export async function showStat(socket: string): Promise<StatRow[]> {
  const [header, ...rows] = (await runtimeCommand(socket, 'show stat')).trim().split('\n');
  if (!header?.startsWith('# ')) throw new SidecarRuntimeError(`show stat on ${socket} answered: ${header}`);
  const columns = header.slice(2).split(',');
  return rows.map((row) => {
    const values = row.split(',');
    return Object.fromEntries(columns.map((column, index) => [column, values[index] ?? '']));
  });
}

/**
 * Replaces a certificate the sidecar loaded from `certificateFile` (its name as the configuration
 * gives it) with `pem` (certificate and key), in memory: new handshakes present it at once and no
 * connection is dropped. The file is the caller's to rewrite, so a later reload loads the same one.
 */
export async function updateCertificate(socket: string, certificateFile: string, pem: string): Promise<void> {
  const staged = await runtimeCommand(socket, `set ssl cert ${certificateFile}`, pem);
  if (!/^Transaction (created|updated)/m.test(staged)) {
    await runtimeCommand(socket, `abort ssl cert ${certificateFile}`).catch(() => undefined);
    throw new SidecarRuntimeError(`set ssl cert ${certificateFile} answered: ${staged.trim()}`);
  }
  const committed = await runtimeCommand(socket, `commit ssl cert ${certificateFile}`);
  if (!/^Success!/m.test(committed)) {
    throw new SidecarRuntimeError(`commit ssl cert ${certificateFile} answered: ${committed.trim()}`);
  }
}

/** The master's view of its processes (`show proc`). */
export interface SidecarProcesses {
  master: { pid: number; reloads: number; failedReloads: number };
  /** The workers serving the current configuration. */
  workers: number[];
  /** Workers of an earlier configuration still finishing their calls after a reload. */
  oldWorkers: number[];
}

/** `show proc` on the master CLI. */
export async function sidecarProcesses(masterSocket: string): Promise<SidecarProcesses> {
  const answer = await runtimeCommand(masterSocket, 'show proc');
  // 2.6: `23085  master  2 [failed: 1]  0d00h00m05s  2.6.12`, then `# workers`, `# old workers`, `# programs`.
  const master = /^(\d+)\s+master\s+(\d+)\s+\[failed: (\d+)\]/m.exec(answer);
  if (!master) throw new SidecarRuntimeError(`show proc on ${masterSocket} answered: ${answer.trim()}`);
  const pidsUnder = (heading: string) =>
    [
      ...(answer.split(/^# /m).find((part) => part.startsWith(`${heading}\n`)) ?? '').matchAll(/^(\d+)\s/gm),
    ].map((match) => Number(match[1]));
  return {
    master: { pid: Number(master[1]), reloads: Number(master[2]), failedReloads: Number(master[3]) },
    workers: pidsUnder('workers'),
    oldWorkers: pidsUnder('old workers'),
  };
}

/** The pids of the workers serving the current configuration. */
export async function workerPids(masterSocket: string): Promise<number[]> {
  return (await sidecarProcesses(masterSocket)).workers;
}

/** Every process of the sidecar (master, workers, old workers still draining): what it costs is their sum. */
export async function sidecarPids(masterSocket: string): Promise<number[]> {
  const { master, workers, oldWorkers } = await sidecarProcesses(masterSocket);
  return [master.pid, ...workers, ...oldWorkers];
}

/** How often the master is asked whether the reload is done: it re-executes itself meanwhile. */
const RELOAD_POLL_MS = 100;

/**
 * pattern: the hitless reload. The master re-reads the configuration file and starts a new worker,
 * which takes over the listening sockets; the old one finishes the calls it holds, then exits.
 * HAProxy 2.6 answers `reload` with nothing and closes the socket, so the outcome is read from
 * `show proc` afterwards: the master's reload count has moved, and its failed count is back to 0
 * (a failed reload leaves the old worker serving the old configuration, and this throws).
 */
export async function reloadSidecar(masterSocket: string): Promise<void> {
  const before = (await sidecarProcesses(masterSocket)).master.reloads;
  await runtimeCommand(masterSocket, 'reload');
  const deadline = Date.now() + COMMAND_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const after = await sidecarProcesses(masterSocket).catch(() => null);
    if (after && after.master.reloads > before) {
      if (after.master.failedReloads > 0) {
        throw new SidecarRuntimeError(
          `the sidecar at ${masterSocket} refused its new configuration and still runs the previous one (its log says why)`,
        );
      }
      return;
    }
    await sleep(RELOAD_POLL_MS);
  }
  throw new SidecarRuntimeError(`the sidecar at ${masterSocket} did not reload in ${COMMAND_TIMEOUT_MS} ms`);
}

/**
 * After a reload the old worker keeps serving the connections it holds, one more call each (option
 * idle-close-on-response), under the configuration it started with: right after `reloadSidecar`
 * returns, a caller may still be retried by the previous policy while its callee already injects the
 * new one's faults. Resolves true once no old worker is left, false when `waitMs` ran out first (a
 * client holding an idle connection it never uses again; hard-stop-after ends that worker later).
 */
export async function oldWorkersDrained(masterSocket: string, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { oldWorkers } = await sidecarProcesses(masterSocket);
    if (oldWorkers.length === 0) return true;
    if (Date.now() >= deadline) return false;
    await sleep(RELOAD_POLL_MS);
  }
}
