import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../platforms/local/main.ts', import.meta.url));

/** platforms/local/main.ts running as its own process, as `journey up serverless` starts it. */
export interface RuntimeProcess {
  process: ChildProcess;
  /** The gateway's address, from its "listening" line. */
  url: string;
  /** What the platform runtime started, from its "functions started" line. */
  processes: { name: string; pid: number }[];
  /** Every line it printed on stdout so far. */
  lines: string[];
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

interface LogLine {
  msg?: string;
  address?: string;
  processes?: RuntimeProcess['processes'];
}

const parsed = (text: string): LogLine => {
  try {
    return JSON.parse(text) as LogLine;
  } catch {
    return {};
  }
};

/**
 * Starts main.ts on a free port with `env` (DATABASE_URL at least); resolves once it listens, or
 * rejects with its output when it exits first (a refused start among them).
 */
export function startRuntimeProcess(env: Record<string, string>): Promise<RuntimeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  const lines: string[] = [];
  let processes: RuntimeProcess['processes'] = [];
  return new Promise((resolve, reject) => {
    void exited.then((code) =>
      reject(new Error(`main.ts exited with ${code} before listening:\n${lines.join('\n')}`)),
    );
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (text) => {
        lines.push(text);
        const line = parsed(text);
        if (line.msg === 'functions started') processes = line.processes ?? [];
        if (line.msg === 'serverless runtime listening') {
          resolve({ process: child, url: line.address!, processes, lines, exited, stop });
        }
      });
    }
  });
}

export const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
