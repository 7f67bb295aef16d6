import { serveControl } from './control-server.js';
import { controlSocketPath, type RunState, removeRunState, writeRunState } from './run-state.js';
import type { Supervisor } from './supervisor.js';

export interface PublishedRun {
  state: RunState;
  /** Closes the control socket (after answers in flight) and removes the state file. */
  close(): Promise<void>;
}

/**
 * Makes a supervised topology reachable from other terminals: its run-state file, kept current as
 * processes exit and restart, and its control socket. What `journey up` does once everything is healthy.
 */
export async function publishRun(supervisor: Supervisor): Promise<PublishedRun> {
  const pattern = supervisor.topology.id;
  const socket = controlSocketPath(pattern);
  const startedAt = new Date().toISOString();
  const current = (): RunState => ({
    pattern,
    url: supervisor.url,
    infrastructure: supervisor.infrastructure.map((piece) => piece.describe),
    provisioned: supervisor.running().infrastructure ?? [],
    options: { ...supervisor.options },
    ownerPid: process.pid,
    startedAt,
    socket,
    runDir: supervisor.runDir,
    processes: supervisor.snapshot().map(({ name, pid, port }) => ({ name, pid, port })),
  });
  const server = await serveControl(supervisor, socket);
  writeRunState(current());
  const refresh = () => writeRunState(current());
  supervisor.on('state', refresh);
  return {
    state: current(),
    close: async () => {
      supervisor.off('state', refresh);
      await server.close();
      removeRunState(pattern);
    },
  };
}
