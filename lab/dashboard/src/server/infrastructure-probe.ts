import { type Provisioned, probeInfrastructure } from '@journey/orchestrator';
import { portOwner, rssOf } from './port-owner.js';

/** What the diagram shows of one running piece of infrastructure, beside its processes' health and RSS. */
export interface InfrastructureStatus {
  /** Its name in the topology file (the diagram's node). */
  name: string;
  kind: string;
  choice: string;
  /** Which implementation, where, under which names (`journey up` prints the same line). */
  describe: string;
  healthy: boolean;
  /** The probe's answer in words, e.g. `port open`, `file present` or `ECONNREFUSED`. */
  healthDetail: string;
  /** The file it lives in (a SQLite database, the embedded log), which grows with the data; null for a server. */
  fileBytes: number | null;
  /** A server's resident memory, when it runs on this machine and this user may see its process. */
  rssBytes: number | null;
}

/** Who listens on each server port: found once (a walk over /proc), then kept while that process lives. */
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

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** One provisioned piece as the processes see it, by its kind's probe; a local server with its memory too. */
export async function probePiece(piece: Provisioned): Promise<InfrastructureStatus> {
  const { healthy, detail, fileBytes, listensOn } = await probeInfrastructure(piece);
  // Only a server on this machine has a process here to measure.
  const measurable = healthy && listensOn !== null && LOCAL_HOSTS.has(listensOn.host);
  return {
    name: piece.name,
    kind: piece.kind,
    choice: piece.choice,
    describe: piece.describe,
    healthy,
    healthDetail: detail,
    fileBytes,
    rssBytes: measurable ? serverRss(listensOn.port) : null,
  };
}
