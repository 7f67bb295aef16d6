import { stat } from 'node:fs/promises';
import { connect } from 'node:net';
import type { BrokerChoice, ProvisionedBroker } from '@journey/orchestrator';
import { portOwner, rssOf } from './port-owner.js';

const PROBE_TIMEOUT_MS = 1_000;

/** What the diagram shows of a running topology's broker, beside its processes' health and RSS. */
export interface BrokerStatus {
  /** Its infrastructure name in the topology file (the diagram's node). */
  name: string;
  choice: BrokerChoice;
  /** Which broker, where, under which names (`journey up` prints the same line). */
  describe: string;
  healthy: boolean;
  /** The probe's answer in words, e.g. `port open` or `ECONNREFUSED`. */
  healthDetail: string;
  /** The embedded broker's log file: it grows with every event kept (null for a server). */
  logBytes: number | null;
  /** A broker server's resident memory, when this user may see its process (null for the embedded log). */
  rssBytes: number | null;
}

export const brokerChoiceOf = (url: string): BrokerChoice =>
  url.startsWith('embedded:') ? 'embedded' : url.startsWith('nats:') ? 'nats' : 'rabbitmq';

const DEFAULT_PORTS: Record<Exclude<BrokerChoice, 'embedded'>, number> = { rabbitmq: 5672, nats: 4222 };

/** The server's port taking connections: what every service needs first. Cheap enough for once a second. */
function portOpen(url: URL, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port });
    const done = (failure: string | null) => {
      socket.destroy();
      resolve(failure);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done('no answer within 1 s'));
    socket.once('connect', () => done(null));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

/** Who listens on each broker port: found once (a walk over /proc), then kept while that process lives. */
const owners = new Map<number, number>();

function serverRss(port: number): number | null {
  const known = owners.get(port);
  const rss = known === undefined ? null : rssOf(known);
  if (rss !== null) return rss;
  const owner = portOwner(port);
  if (owner === null) {
    owners.delete(port);
    return null;
  }
  owners.set(port, owner);
  return rssOf(owner);
}

/**
 * The broker as the services see it: RabbitMQ and NATS are servers of this machine, shown with their
 * memory when their process is visible to this user; the embedded broker is a log file the services
 * share, so its size is what it has to show.
 */
export async function probeBroker(name: string, broker: ProvisionedBroker): Promise<BrokerStatus> {
  const choice = brokerChoiceOf(broker.url);
  const base = { name, choice, describe: broker.describe };
  if (choice === 'embedded') {
    try {
      const { size } = await stat(broker.url.slice('embedded:'.length));
      return { ...base, healthy: true, healthDetail: 'log file present', logBytes: size, rssBytes: null };
    } catch (error) {
      return {
        ...base,
        healthy: false,
        healthDetail: (error as NodeJS.ErrnoException).code ?? 'missing',
        logBytes: null,
        rssBytes: null,
      };
    }
  }
  const url = new URL(broker.url);
  const port = Number(url.port || DEFAULT_PORTS[choice]);
  const failure = await portOpen(url, port);
  // Only a server on this machine has a process here to measure.
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  return {
    ...base,
    healthy: failure === null,
    healthDetail: failure ?? 'port open',
    logBytes: null,
    rssBytes: failure === null && local ? serverRss(port) : null,
  };
}
