import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const FUNCTION_PROCESS = fileURLToPath(new URL('./function-process.ts', import.meta.url));

/** One running instance of one function: its own process, as Cloud Functions gives each function. */
export interface FunctionInstance {
  name: string;
  pid: number;
  url: string;
  /** SIGTERM, then resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Starts an instance of `name` on a free port and resolves once its framework server listens. Its log
 * lines pass through to ours; it stops by itself if this process dies without stopping it
 * (JOURNEY_OWNER_PID, see @journey/platform's onShutdown).
 */
export function startFunctionInstance(name: string, env: NodeJS.ProcessEnv = {}): Promise<FunctionInstance> {
  const child = spawn(process.execPath, ['--import', 'tsx', FUNCTION_PROCESS], {
    env: {
      ...process.env,
      ...env,
      FUNCTION_TARGET: name,
      PORT: '0',
      JOURNEY_OWNER_PID: String(process.pid),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`function ${name} exited (${signal ?? code}) before listening; see its log above`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      process.stdout.write(`${line}\n`);
      const address = listeningAddress(line, name);
      if (address) resolve({ name, pid: child.pid!, url: address, stop });
    });
  });
}

function listeningAddress(line: string, name: string): string | undefined {
  try {
    const entry = JSON.parse(line) as { msg?: unknown; address?: unknown };
    return entry.msg === `gcf function ${name} listening` ? String(entry.address) : undefined;
  } catch {
    return undefined; // a line the function printed itself, not one of the logger's
  }
}
