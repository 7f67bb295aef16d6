import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { compileCommand } from '@journey/runner';

const FUNCTION_PROCESS = fileURLToPath(new URL('./function-process.ts', import.meta.url));

/** One running instance of one function: its own process, as Cloud Functions gives each function. */
export interface FunctionInstance {
  name: string;
  pid: number;
  url: string;
  /** Resolves when the process exits, whoever stopped it, with how it ended. */
  exited: Promise<string>;
  /** SIGTERM, then resolves once the process has exited. */
  stop(): Promise<void>;
}

/** The message an instance sends its parent over IPC once it listens. */
export interface InstanceListening {
  listening: string;
}

export interface InstanceOptions {
  /** Added to this process's environment: the database, the secret, the pool size. */
  environment?: Record<string, string>;
  /** Each line the instance prints on stdout (its meter's invocation lines among them). */
  onLine(line: string): void;
}

/**
 * Starts an instance of `name` on a free port and resolves once its framework server listens. Its
 * stdout lines go to `onLine`, its stderr to ours; it stops by itself if this process dies without
 * stopping it (JOURNEY_OWNER_PID, see @journey/platform's onShutdown).
 */
export async function startFunctionInstance(
  name: string,
  options: InstanceOptions,
): Promise<FunctionInstance> {
  // Compiled once for every function and instance (ADR 18): a cold start pays no TypeScript loader.
  const [node, ...args] = await compileCommand([process.execPath, '--import', 'tsx', FUNCTION_PROCESS]);
  const child = spawn(node!, args, {
    env: {
      ...process.env,
      ...options.environment,
      FUNCTION_TARGET: name,
      PORT: '0',
      JOURNEY_OWNER_PID: String(process.pid),
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  createInterface({ input: child.stdout! }).on('line', options.onLine);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(`function ${name} exited (${signal ?? code})`)),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`function ${name} exited (${signal ?? code}) before listening; see its log`)),
    );
    child.once('message', (message: InstanceListening) => {
      // The channel was only for this; left open it would keep the instance tied to us.
      child.disconnect();
      resolve({ name, pid: child.pid!, url: message.listening, stop, exited });
    });
  });
}
