import { choiceFor, type InfrastructureKind, infrastructureKind } from '@journey/provisioning';
import { FaultRefused, type FaultSetting } from './fault.js';

/**
 * The server a piece of infrastructure runs on, for a fault that sits between it and the processes.
 * Every piece of the same kind shares that server (four services' databases on one PostgreSQL), so
 * the fault reaches them all. Refused when the choice is a file the processes open, with no connection.
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

async function noConnection(name: string, kind: InfrastructureKind, choice: string): Promise<string> {
  const servers: string[] = [];
  for (const other of kind.choices)
    if ((await kind.defaultServerUrl?.(other)) !== undefined) servers.push(`--${kind.flag} ${other}`);
  return (
    `the ${kind.kind} "${name}" runs as "${choice}": a file the processes open on this machine, with no ` +
    `connection to cut.${servers.length > 0 ? ` Run the experiment on a server: ${servers.join(' or ')}.` : ''}`
  );
}
