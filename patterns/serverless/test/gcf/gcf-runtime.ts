import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('../../platforms/gcf/serve.ts', import.meta.url));

/** serve.ts running as its own process, as `journey up` would start it. */
export interface GcfRuntime {
  process: ChildProcess;
  /** The gateway's address, from its "gcf runtime listening" line. */
  url: string;
  /** Each function's instance, from its "gcf functions started" line. */
  functions: { name: string; pid: number; url: string }[];
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

interface LogLine {
  msg?: string;
  address?: string;
  functions?: GcfRuntime['functions'];
}

/** Starts serve.ts on a free port with `env` (DATABASE_URL at least); resolves once it listens. */
export function startGcfRuntime(env: Record<string, string>): Promise<GcfRuntime> {
  // Its info lines say where it listens; the functions' own lines follow the caller's LOG_LEVEL.
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  let functions: GcfRuntime['functions'] = [];
  return new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`serve.ts exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as LogLine;
      if (line.msg === 'gcf functions started') functions = line.functions ?? [];
      if (line.msg === 'gcf runtime listening') {
        resolve({ process: child, url: line.address!, functions, exited, stop });
      }
    });
  });
}
