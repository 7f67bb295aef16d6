import { choiceFor, type InfrastructureKind, infrastructureKind } from '@journey/provisioning';
import { FaultRefused, type FaultSetting } from './fault.js';

/**
 * The server a piece of infrastructure runs on, for a fault that sits between it and the processes.
 * Every piece of the same kind shares that server (four services' databases on one PostgreSQL), so
 * the fault reaches them all. Refused, with the reason, when the choice has no server to stand in
 * front of.
 */
export async function infrastructureServer(name: string, { topology, choices }: FaultSetting) {
  const spec = topology.infrastructure.find((piece) => piece.name === name)!;
  const kind = infrastructureKind(spec.kind);
  const choice = choiceFor(kind, choices, spec);
  const server = await kind.defaultServerUrl?.(choice);
  if (server === undefined) throw new FaultRefused(await noConnection(name, kind, choice));
  const address = new URL(server);
  return {
    kind: spec.kind,
    choice,
    target: { host: address.hostname, port: Number(address.port) },
    /** The `servers` a copy starts with so it reaches the server at `host:port` instead. */
    through(host: string, port: number): Record<string, string> {
      const relayed = new URL(server);
      relayed.hostname = host;
      relayed.port = String(port);
      return { [spec.kind]: relayed.toString() };
    },
  };
}

const A_FILE = 'a file the processes open on this machine, with no connection to cut';
/** Why a choice has no server a fault can stand in front of, in words a learner can act on. */
const WITHOUT_SERVER: Record<string, string> = {
  sqlite: A_FILE,
  embedded: A_FILE,
  kafka:
    "a mock cluster the run starts, whose bootstrap answer hands clients its brokers' own addresses: " +
    'a relay in front of the bootstrap address would carry only the first request, and the rest would go round the fault',
};

async function noConnection(name: string, kind: InfrastructureKind, choice: string): Promise<string> {
  const servers: string[] = [];
  for (const other of kind.choices)
    if ((await kind.defaultServerUrl?.(other)) !== undefined) servers.push(`--${kind.flag} ${other}`);
  const why = WITHOUT_SERVER[choice] ?? 'no server the lab can stand in front of';
  return (
    `the ${kind.kind} "${name}" runs as "${choice}": ${why}.` +
    `${servers.length > 0 ? ` Run the experiment on a server: ${servers.join(' or ')}.` : ''}`
  );
}
