import { connect } from 'node:net';
import { programOnPath } from '@journey/platform';
import { POSTGRES_ADMIN_URL, postgresAvailable } from '@journey/provisioning';

export interface ServiceAvailability {
  available: boolean;
  /** Why the tests that need it are skipped; shown in the test name. */
  reason: string;
}

/**
 * Tests that need a real server skip with a clear message when it is absent on a developer's
 * machine, and fail when CI is set, where a missing service is a broken pipeline, not a choice.
 */
async function requireService(
  name: string,
  url: string,
  isUp: () => Promise<boolean>,
): Promise<ServiceAvailability> {
  if (await isUp()) return { available: true, reason: '' };
  const reason = `${name} is not reachable at ${url}`;
  if (process.env.CI) throw new Error(`${reason}, and CI is set: start it (see .ci/run)`);
  return { available: false, reason: `skipped: ${reason}` };
}

export const postgres = () =>
  requireService('PostgreSQL', new URL(POSTGRES_ADMIN_URL).host, postgresAvailable);

/** Whether something accepts TCP connections at `url`'s host and port (a broker, before its handshake). */
function acceptsConnections(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || defaultPort) });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** RabbitMQ at `url` (amqp://…), for the broker tests. */
export const rabbitmq = (url: string) =>
  requireService('RabbitMQ', new URL(url).host, () => acceptsConnections(url, 5672));

/** NATS at `url` (nats://…); the tests also need JetStream enabled on it (`nats-server -js`). */
export const nats = (url: string) =>
  requireService('NATS', new URL(url).host, () => acceptsConnections(url, 4222));

/** A program the tests run (a proxy binary), found on PATH; `install` says how to get it. */
export async function installedProgram(
  name: string,
  binary: string,
  install: string,
): Promise<ServiceAvailability> {
  if (programOnPath(binary)) return { available: true, reason: '' };
  const reason = `${name} is not installed (${install})`;
  if (process.env.CI) throw new Error(`${reason}, and CI is set: install it (see .ci/run)`);
  return { available: false, reason: `skipped: ${reason}` };
}
