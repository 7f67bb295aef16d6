import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { programOnPath } from '@journey/platform';
import { FaultRefused } from './fault.js';

export const DELAY_FILTER_LUA = join(import.meta.dirname, 'lua', 'delay-filter.lua');

export interface RelaySettings {
  /** Where the relay listens (`127.0.0.1`, or a network namespace's address) and forwards to. */
  listen: { host: string; port: number };
  target: { host: string; port: number };
  /** Holds what clients send for a delay set at run time (`setDelay`); see lua/delay-filter.lua. */
  delayFilter?: boolean;
  /** argv in front of `haproxy` (`ip netns exec <ns>`): where it runs. */
  runIn?: string[];
}

/** HAProxy 2.6 in TCP mode as the experiment's relay; the configuration is small enough to read in a log. */
export function relayConfig(settings: RelaySettings, adminSocket: string): string {
  const { listen, target } = settings;
  return [
    'global',
    ...(settings.delayFilter ? [`  lua-load ${DELAY_FILTER_LUA}`] : []),
    `  stats socket ${adminSocket} mode 600 level admin`,
    'defaults',
    '  mode tcp',
    '  timeout connect 5s',
    // A pooled database connection or a broker channel sits idle for long stretches: not a fault.
    '  timeout client 1h',
    '  timeout server 1h',
    'frontend clients',
    `  bind ${listen.host}:${listen.port}`,
    ...(settings.delayFilter ? ['  filter lua.chaos_delay'] : []),
    '  default_backend server',
    'backend server',
    `  server target ${target.host}:${target.port}`,
    '',
  ].join('\n');
}

const START_PATIENCE_MS = 10_000;

/** Refused with the way to install it when HAProxy is missing. */
export function requireHaproxy(): void {
  if (!programOnPath('haproxy'))
    throw new FaultRefused(
      'HAProxy is not installed: this fault runs HAProxy 2.6 or newer (Debian/Ubuntu: apt-get install haproxy)',
    );
}

/**
 * util-linux's setpriv asks the kernel to SIGTERM HAProxy when the lab's process dies, however it
 * dies (SIGKILL runs no exit hook); `ip netns exec` and setpriv exec, so the lab stays its parent.
 * Where setpriv is missing, the exit hook alone stops it.
 */
const withParentDeath = (argv: string[]) =>
  programOnPath('setpriv') ? ['setpriv', '--pdeathsig', 'SIGTERM', ...argv] : argv;

/**
 * A running HAProxy relay, stopped with `close()` (its own child: killed by pid, its files removed),
 * or with the lab's process. Refused with the way to install it when HAProxy is missing.
 */
export async function startHaproxyRelay(settings: RelaySettings) {
  requireHaproxy();
  const dir = mkdtempSync(join(tmpdir(), 'journey-chaos-relay-'));
  const adminSocket = join(dir, 'admin.sock');
  const configFile = join(dir, 'haproxy.cfg');
  writeFileSync(configFile, relayConfig(settings, adminSocket));
  const argv = [...(settings.runIn ?? []), ...withParentDeath(['haproxy', '-db', '-f', configFile])];
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  const said: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => said.push(chunk.toString()));
  // A run ended by process.exit or an uncaught error leaves neither the relay nor its folder behind.
  const onExit = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const close = async () => {
    process.off('exit', onExit);
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await answering(adminSocket, child, () => said.join(''));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    /** One command on the runtime API (`chaos-delay 200`), its answer. */
    command: (text: string) => runtimeCommand(adminSocket, text),
    async setDelay(ms: number) {
      const answer = await runtimeCommand(adminSocket, `chaos-delay ${ms}`);
      if (!answer.startsWith(`delay ${ms} ms`))
        throw new Error(`the relay's chaos-delay ${ms} answered: ${answer.trim()}`);
    },
    close,
  };
}

/** Until the runtime API answers: the configuration loaded and the listener is open. */
async function answering(socket: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + START_PATIENCE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`HAProxy exited before relaying: ${output().trim() || `exit ${child.exitCode}`}`);
    if (
      await runtimeCommand(socket, 'show info').then(
        () => true,
        () => false,
      )
    )
      return;
    await sleep(50);
  }
  throw new Error(`HAProxy did not start relaying in ${START_PATIENCE_MS} ms: ${output().trim()}`);
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** HAProxy's runtime API answers one command per connection, once the client has finished sending. */
function runtimeCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const client = connect(socket);
    client.setTimeout(5_000, () => client.destroy(new Error(`${socket} did not answer "${command}"`)));
    client.on('data', (chunk: Buffer) => chunks.push(chunk));
    client.on('error', reject);
    client.on('close', (hadError) => {
      if (!hadError) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    client.end(`${command}\n`);
  });
}
