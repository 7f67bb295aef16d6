import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { bundleFunctions } from './offline-bundle.js';

/** deploy/aws, where serverless.yml lives: the framework takes its working directory as the service's. */
export const AWS_SERVICE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy', 'aws');

const require = createRequire(import.meta.url);
/** The framework's own CLI script, resolved from this package's dependencies. */
export const SERVERLESS_CLI = require.resolve('serverless/bin/serverless.js');
/** Preloaded into serverless-offline: its group ends when the process that started it is gone. */
const OWNER_WATCH = new URL('./owner-watch.mjs', import.meta.url).href;

/** What the functions see in their environment: serverless.yml passes these, and nothing else, on. */
export interface FunctionEnvironment {
  DATABASE_URL: string;
  JWT_SECRET: string;
  DATABASE_POOL_MAX?: string;
  LOG_LEVEL?: string;
}

export interface OfflineOptions {
  /** Where the HTTP API answers. */
  httpPort: number;
  /** serverless-offline always serves the Lambda Invoke API too; it needs a port of its own. */
  lambdaPort: number;
  host?: string;
  environment: FunctionEnvironment;
  /** Seconds an idle instance lives before serverless-offline stops its worker (default 60). */
  idleSeconds?: number;
  /**
   * No invocation is stopped at serverless.yml's timeout. On Lambda each instance has a CPU share of its
   * own; here every instance is a thread of one process on the machine's few cores, so a burst of cold
   * starts can take longer than any of them would alone.
   */
  noTimeout?: boolean;
  /** Each line serverless-offline and the functions print (the meter's invocation lines among them). */
  onLine?: (line: string) => void;
}

export interface OfflineGateway {
  baseUrl: string;
  pid: number;
  /** SIGTERM to the whole process group; resolves once the group is empty and the bundles are removed. */
  stop(): Promise<void>;
  /** Resolves when serverless-offline exits, whoever stopped it, with how it ended. */
  exited: Promise<string>;
}

/**
 * The command serverless-offline runs as, with its defaults otherwise: a worker thread per concurrent
 * invocation of a function, reused while idle, stopped after `terminateIdleLambdaTime`: Lambda's cold
 * and warm starts. The workers load bundled JavaScript (offline-bundle.ts), so no TypeScript loader is
 * needed; tsx would not reach them anyway, as Node 20 applies no `--import`ed module hooks in a worker.
 */
export function offlineCommand(
  options: Pick<OfflineOptions, 'httpPort' | 'lambdaPort' | 'host' | 'noTimeout'>,
): string[] {
  return [
    process.execPath,
    '--import',
    OWNER_WATCH,
    SERVERLESS_CLI,
    'offline',
    '--host',
    options.host ?? '127.0.0.1',
    '--httpPort',
    String(options.httpPort),
    '--lambdaPort',
    String(options.lambdaPort),
    ...(options.noTimeout ? ['--noTimeout'] : []),
  ];
}

/**
 * The process environment: only what it needs, so no AWS credential of the caller's reaches it (the
 * functions get every AWS_* variable of it) and the framework neither phones home nor checks for updates.
 */
export function offlineEnvironment(
  options: Pick<OfflineOptions, 'environment' | 'idleSeconds'> & { functionsDir?: string },
): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'TMPDIR', 'LANG'].flatMap((name) =>
      process.env[name] ? [[name, process.env[name]]] : [],
    ),
  );
  return {
    ...inherited,
    ...options.environment,
    ...(options.idleSeconds !== undefined ? { SLS_OFFLINE_IDLE_SECONDS: String(options.idleSeconds) } : {}),
    ...(options.functionsDir !== undefined ? { SLS_OFFLINE_FUNCTIONS_DIR: options.functionsDir } : {}),
    JOURNEY_OWNER_PID: String(process.pid),
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_DEPRECATION_DISABLE: '*',
  };
}

/**
 * Bundles the functions, starts serverless-offline on serverless.yml with them, and resolves once its
 * HTTP API listens. It runs in a process group of its own, so stopping it also ends anything it started.
 */
export async function startOffline(options: OfflineOptions): Promise<OfflineGateway> {
  const bundles = await bundleFunctions();
  const [command, ...args] = offlineCommand(options);
  const child = spawn(command as string, args, {
    cwd: AWS_SERVICE_DIR,
    env: offlineEnvironment({ ...options, functionsDir: bundles.dir }),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      options.onLine?.(line);
    });
  }
  const exited = once(child, 'exit');
  const host = options.host ?? '127.0.0.1';
  const baseUrl = `http://${host}:${options.httpPort}`;
  const stop = async () => {
    await stopGroup(child, exited);
    await bundles.remove();
  };
  try {
    await untilListening(host, options.httpPort, exited, () => recent.join('\n'));
  } catch (error) {
    await stop();
    throw error;
  }
  const ended = exited.then(([code, signal]) => `serverless-offline exited (${signal ?? code})`);
  return { baseUrl, pid: child.pid as number, stop, exited: ended };
}

/**
 * Polls until the HTTP API accepts a connection, or fails when the process exits first. It sends no
 * request: any path, unknown ones included, would reach a function through the catch-all route and
 * count as that function's first, cold, invocation.
 */
async function untilListening(
  host: string,
  port: number,
  exited: Promise<unknown>,
  output: () => string,
): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  while (!(await accepts(host, port))) {
    if (gone) throw new Error(`serverless-offline exited before listening on ${host}:${port}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * serverless-offline halts on SIGTERM (its workers, then its servers); the signal goes to the whole
 * group so that nothing it started outlives it, and SIGKILL follows if it has not exited in 5 s.
 */
async function stopGroup(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // Already gone: nothing left to stop.
    }
  };
  // A framework that already exited on its own may have left part of its group running: swept below.
  if (child.exitCode === null && child.signalCode === null) signalGroup('SIGTERM');
  // Well inside the 10 s a service gets to shut down (@journey/platform's onShutdown): the runtime
  // that started the group must see it empty before it is forced to exit.
  const killer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
  // Anything of the group still running has outlived the framework's own halt: it goes too, and stop()
  // returns only once the group is empty, so a caller never leaves an orphan behind.
  while (groupAlive(child.pid as number)) {
    signalGroup('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
