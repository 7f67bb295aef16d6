import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SpawnedProcess {
  child: ChildProcess;
  /** Where it listens, from its "<name> listening" log line. */
  url: string;
  /** Its log lines so far, parsed. */
  lines: { msg?: string; [field: string]: unknown }[];
  /** Sends SIGTERM and resolves with the exit code. */
  terminate(): Promise<number | null>;
}

/** Starts `file` as its own process (as the lab would) and resolves once it logs that it listens. */
export function spawnProcess(
  file: string,
  name: string,
  env: Record<string, string>,
): Promise<SpawnedProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...process.env, LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: SpawnedProcess['lines'] = [];
  // 'close', not 'exit': a process's last lines (why it failed) may still be unread when it exits.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const terminate = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    void exited.then((code) =>
      reject(new Error(`${name} exited with ${code} before listening: ${JSON.stringify(lines.at(-1))}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as SpawnedProcess['lines'][number];
      lines.push(line);
      if (line.msg === `${name} listening`) resolve({ child, url: String(line.address), lines, terminate });
    });
  });
}
