/**
 * A pattern's whole system in one declaration, in the spirit of .NET Aspire's AppHost: which
 * processes run, what they need, how to tell they are healthy, and who talks to whom. The lab starts,
 * draws, breaks and deploys a pattern from this file alone.
 */
export interface ProcessSpec {
  /** Unique within the topology; used in logs (`[name]`) and by `journey kill <name>`. */
  name: string;
  /** argv, run from the repository root. The first element is resolved from `node_modules/.bin` when not a path. */
  command: string[];
  /** Environment variable through which the lab hands the process its port. */
  portEnv: string;
  /** The process that serves the public Conduit API; exactly one per topology. */
  public?: boolean;
  env?: Record<string, string>;
  /** HTTP path that answers 200 once the process can serve. */
  health: string;
  dependsOn?: string[];
  /** Environment variable that sets how many copies of this process share its port (`--workers`). */
  workersEnv?: string;
  /** Which infrastructure the process uses; the lab provisions it and passes its URL in `env` of the entry. */
  uses?: string[];
}

export type InfrastructureKind = 'database' | 'broker';

export interface InfrastructureSpec {
  name: string;
  kind: InfrastructureKind;
  /** Environment variable that carries the connection URL to the processes that use it. */
  urlEnv: string;
}

export interface EdgeSpec {
  from: string;
  to: string;
  protocol: 'http' | 'sql' | 'amqp' | 'nats' | 'in-process';
}

export interface Topology {
  /** The pattern slug. */
  id: string;
  title: string;
  processes: ProcessSpec[];
  infrastructure: InfrastructureSpec[];
  edges: EdgeSpec[];
}

export class TopologyError extends Error {
  constructor(id: string, problems: string[]) {
    super(`topology "${id}" is invalid: ${problems.join('; ')}`);
    this.name = 'TopologyError';
  }
}

/** Validates a topology when the pattern's module loads, so a typo fails at once and names itself. */
export function defineTopology(topology: Topology): Topology {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const p of topology.processes) {
    if (names.has(p.name)) problems.push(`process "${p.name}" is declared twice`);
    names.add(p.name);
    if (p.command.length === 0) problems.push(`process "${p.name}" has an empty command`);
    if (!p.health.startsWith('/')) problems.push(`process "${p.name}" health must be a path`);
  }
  const infra = new Set(topology.infrastructure.map((i) => i.name));
  for (const p of topology.processes) {
    for (const dep of p.dependsOn ?? [])
      if (!names.has(dep)) problems.push(`"${p.name}" depends on unknown "${dep}"`);
    for (const use of p.uses ?? [])
      if (!infra.has(use)) problems.push(`"${p.name}" uses unknown infrastructure "${use}"`);
  }
  const nodes = new Set([...names, ...infra, 'client']);
  for (const e of topology.edges) {
    if (!nodes.has(e.from) || !nodes.has(e.to))
      problems.push(`edge ${e.from} → ${e.to} names an unknown node`);
  }
  const publicCount = topology.processes.filter((p) => p.public).length;
  if (publicCount !== 1) problems.push(`exactly one process must be public, found ${publicCount}`);
  if (problems.length > 0) throw new TopologyError(topology.id, problems);
  return topology;
}

/** Processes ordered so that each comes after everything it depends on. */
export function startOrder(topology: Topology): ProcessSpec[] {
  const byName = new Map(topology.processes.map((p) => [p.name, p]));
  const ordered: ProcessSpec[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: ProcessSpec, path: string[]) => {
    if (state.get(p.name) === 'done') return;
    if (state.get(p.name) === 'visiting') {
      throw new TopologyError(topology.id, [`dependency cycle: ${[...path, p.name].join(' → ')}`]);
    }
    state.set(p.name, 'visiting');
    for (const dep of p.dependsOn ?? []) visit(byName.get(dep)!, [...path, p.name]);
    state.set(p.name, 'done');
    ordered.push(p);
  };
  for (const p of topology.processes) visit(p, []);
  return ordered;
}
