import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A service under a volley, in a process of its own so its memory can be read and its death seen. */
export interface VolleyServer {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * Runs `script` (a TypeScript file printing one JSON line `{"url": …}` once it listens, and ending
 * cleanly on SIGTERM) with `env` added to this process's environment.
 */
export async function startVolleyServer(script: string, env: Record<string, string>): Promise<VolleyServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    new Promise<string>((resolve) => lines.once('line', resolve)),
    exited.then((code) => {
      throw new Error(`the volley server ${script} exited with ${code} before listening`);
    }),
  ]);
  return { url: (JSON.parse(first) as { url: string }).url, child, exited };
}

/** SIGTERM, then its exit code: 0 when it shut down cleanly. Safe to call twice. */
export async function stopVolleyServer(server: VolleyServer) {
  if (isAlive(server)) server.child.kill('SIGTERM');
  return server.exited;
}

export const isAlive = (server: VolleyServer) =>
  server.child.exitCode === null && server.child.signalCode === null;
