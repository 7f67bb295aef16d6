import { stat } from 'node:fs/promises';
import { connect } from 'node:net';
import type { InfrastructureProbe } from './infrastructure-kind.js';

const PROBE_TIMEOUT_MS = 1_000;

/** A file the infrastructure lives in: healthy while it is there, its size the figure to show. */
export async function probeFile(path: string): Promise<InfrastructureProbe> {
  try {
    const { size } = await stat(path);
    return { healthy: true, detail: 'file present', fileBytes: size, listensOn: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'missing';
    return { healthy: false, detail: code, fileBytes: null, listensOn: null };
  }
}

/** A server's port taking connections: what every process needs of it first. */
export async function probeServer(url: string, defaultPort: number): Promise<InfrastructureProbe> {
  const { hostname: host, port } = new URL(url);
  const listensOn = { host, port: Number(port || defaultPort) };
  const failure = await new Promise<string | null>((resolve) => {
    const socket = connect(listensOn);
    const done = (outcome: string | null) => {
      socket.destroy();
      resolve(outcome);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`));
    socket.once('connect', () => done(null));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
  return { healthy: failure === null, detail: failure ?? 'port open', fileBytes: null, listensOn };
}
