import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { KILL_SIGNALS, type KillSignal, type TopologyControl, UnknownProcessError } from './supervisor.js';

/**
 * The control channel of a running topology: a small HTTP API on a unix socket, served by the
 * process that started it (`journey up`), so commands in other terminals act on the same supervisor.
 * A unix socket, not a TCP port: only this user can reach it (mode 0600), and it cannot collide with
 * the ports the topology itself uses.
 *
 *   GET  /processes                  status of every process (health probed now)
 *   POST /processes/<name>/kill      body {"signal":"SIGKILL"|"SIGTERM"}
 *   POST /processes/<name>/restart
 *   POST /stop                       answers once everything is stopped
 */
export interface ControlServer {
  close(): Promise<void>;
}

class BadRequest extends Error {}

export async function serveControl(control: TopologyControl, socketPath: string): Promise<ControlServer> {
  mkdirSync(dirname(socketPath), { recursive: true });
  // A socket file left by a `journey up` that was killed hard would make listen() fail with EADDRINUSE.
  rmSync(socketPath, { force: true });
  const server = createServer((request, response) => {
    handle(control, request).then(
      ([status, body]) => send(response, status, body),
      (error: unknown) => send(response, ...errorAnswer(error)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return {
    // Waits for answers in flight: the one to `POST /stop` is sent after the topology stopped, which
    // is also when its owner closes this server.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}

async function handle(control: TopologyControl, request: IncomingMessage): Promise<[number, unknown]> {
  const { pathname } = new URL(request.url ?? '/', 'http://control');
  const route = `${request.method} ${pathname}`;
  if (route === 'GET /processes') return [200, await control.status()];
  if (route === 'POST /stop') {
    await control.stop();
    return [200, { stopped: true }];
  }
  const match = /^POST \/processes\/([^/]+)\/(kill|restart)$/.exec(route);
  if (match) {
    const name = decodeURIComponent(match[1]!);
    if (match[2] === 'restart') return [200, await control.restart(name)];
    return [200, await control.kill(name, await signalFrom(request))];
  }
  return [404, { error: `no such control operation: ${route}` }];
}

async function signalFrom(request: IncomingMessage): Promise<KillSignal> {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > 1_024) throw new BadRequest('request body too large');
  }
  let body: { signal?: unknown };
  try {
    body = text ? (JSON.parse(text) as { signal?: unknown }) : {};
  } catch {
    throw new BadRequest('request body is not JSON');
  }
  const signal = body.signal ?? 'SIGKILL';
  if (!(KILL_SIGNALS as readonly unknown[]).includes(signal))
    throw new BadRequest(`signal must be one of ${KILL_SIGNALS.join(', ')}`);
  return signal as KillSignal;
}

function errorAnswer(error: unknown): [number, unknown] {
  if (error instanceof UnknownProcessError)
    return [404, { error: error.message, process: error.process, choices: error.choices }];
  if (error instanceof BadRequest) return [400, { error: error.message }];
  // The operation was understood but could not be done now (not running, stopping, not healthy).
  return [409, { error: (error as Error).message }];
}

function send(response: ServerResponse, status: number, body: unknown): void {
  // One request per connection: nothing idles on the socket and keeps `close()` waiting.
  response.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  response.end(JSON.stringify(body));
}
