import {
  defineTopology,
  type EdgeSpec,
  type ExperimentSpec,
  type InfrastructureSpec,
  type ProcessSpec,
  type Topology,
  TopologyError,
} from './topology.js';

/**
 * A topology written as changes to another one, the way a service mesh is layered over the
 * microservices without re-declaring them (microservices-demo keeps its mesh as an optional overlay,
 * not a second codebase). The lab loads the base by its slug and `resolveTopology` produces a plain
 * topology, so nothing downstream knows an overlay was involved.
 */
export interface TopologyOverlay {
  /** The pattern slug of the overlay itself. */
  id: string;
  title: string;
  /** The slug of the topology this one changes; it may itself be an overlay. */
  extends: string;
  /** Edges of the base to drop, e.g. `gateway → articles` before routing it through a sidecar. */
  removeEdges?: EdgeReference[];
  /** Fields of base processes to replace, by process name (`command`, `dependsOn`, a whole `env`…). */
  replace?: Record<string, ProcessReplacement>;
  /** Variables to add to a base process's environment, by process name; they win over the base's. */
  mergeEnv?: Record<string, Record<string, string>>;
  /** Declarations appended to the base's, after the removals and replacements above. */
  add?: TopologyAdditions;
}

/** An edge of the base; without `protocol` it names every edge between the two nodes. */
export type EdgeReference = Pick<EdgeSpec, 'from' | 'to'> & Partial<Pick<EdgeSpec, 'protocol'>>;

/** A process keeps its name: renaming would break every edge and experiment that names it. */
export type ProcessReplacement = Partial<Omit<ProcessSpec, 'name'>>;

export interface TopologyAdditions {
  processes?: ProcessSpec[];
  infrastructure?: InfrastructureSpec[];
  edges?: EdgeSpec[];
  experiments?: ExperimentSpec[];
}

/** What a pattern's `topology.ts` may export: a whole topology, or changes to another pattern's. */
export type TopologyDeclaration = Topology | TopologyOverlay;

export const isOverlay = (declaration: TopologyDeclaration): declaration is TopologyOverlay =>
  'extends' in declaration;

/**
 * Checks what can be checked without the base when the overlay's module loads; the rest waits for
 * `resolveTopology`, which knows the base.
 */
export function defineOverlay(overlay: TopologyOverlay): TopologyOverlay {
  if (overlay.extends === overlay.id)
    throw new TopologyError(overlay.id, [`an overlay cannot extend itself ("${overlay.id}")`]);
  return overlay;
}

/**
 * The base with the overlay applied, validated by `defineTopology`. Neither argument is changed: the
 * result is a copy, so the same base can be resolved under several overlays.
 */
export function resolveTopology(overlay: TopologyOverlay, base: Topology): Topology {
  const problems: string[] = [];
  if (base.id !== overlay.extends)
    problems.push(`it extends "${overlay.extends}" but was given "${base.id}" as its base`);
  const resolved = structuredClone(base);
  const processes = new Map(resolved.processes.map((p) => [p.name, p]));
  const processNamed = (name: string, change: string) => {
    const process = processes.get(name);
    if (!process) problems.push(`it ${change} unknown process "${name}"`);
    return process;
  };

  for (const reference of overlay.removeEdges ?? []) {
    const kept = resolved.edges.filter((edge) => !edgeMatches(edge, reference));
    if (kept.length === resolved.edges.length)
      problems.push(`it removes edge ${describeEdge(reference)}, which the base does not have`);
    resolved.edges = kept;
  }
  for (const [name, replacement] of Object.entries(overlay.replace ?? {})) {
    const process = processNamed(name, 'replaces');
    if (process) Object.assign(process, structuredClone(replacement));
  }
  for (const [name, env] of Object.entries(overlay.mergeEnv ?? {})) {
    const process = processNamed(name, 'merges environment into');
    if (process) process.env = { ...process.env, ...env };
  }
  for (const added of overlay.add?.processes ?? [])
    if (processes.has(added.name))
      problems.push(`it adds process "${added.name}", which the base has; replace its fields instead`);
  const infrastructure = new Set(resolved.infrastructure.map((i) => i.name));
  for (const added of overlay.add?.infrastructure ?? [])
    if (infrastructure.has(added.name))
      problems.push(`it adds infrastructure "${added.name}", which the base has`);
  if (problems.length > 0) throw new TopologyError(overlay.id, problems);

  const add = structuredClone(overlay.add ?? {});
  return defineTopology({
    id: overlay.id,
    title: overlay.title,
    processes: [...resolved.processes, ...(add.processes ?? [])],
    infrastructure: [...resolved.infrastructure, ...(add.infrastructure ?? [])],
    edges: [...resolved.edges, ...(add.edges ?? [])],
    experiments: [...(resolved.experiments ?? []), ...(add.experiments ?? [])],
  });
}

/**
 * A declaration resolved down to a plain topology: an overlay's base is loaded by its slug and, when
 * it is an overlay too, resolved first, so a stage may build on a stage that builds on another.
 */
export async function resolveDeclaration(
  declaration: TopologyDeclaration,
  loadBase: (slug: string) => Promise<TopologyDeclaration>,
): Promise<Topology> {
  const overlays: TopologyOverlay[] = [];
  let current = declaration;
  while (isOverlay(current)) {
    overlays.unshift(current);
    const chain = overlays.map((overlay) => overlay.id);
    if (chain.includes(current.extends))
      throw new TopologyError(declaration.id, [
        `its bases extend each other in a circle: ${[...chain].reverse().join(' → ')} → ${current.extends}`,
      ]);
    current = await loadBase(current.extends);
  }
  return overlays.reduce<Topology>((base, overlay) => resolveTopology(overlay, base), current);
}

const edgeMatches = (edge: EdgeSpec, reference: EdgeReference) =>
  edge.from === reference.from &&
  edge.to === reference.to &&
  (reference.protocol === undefined || edge.protocol === reference.protocol);

const describeEdge = ({ from, to, protocol }: EdgeReference) =>
  `${from} → ${to}${protocol === undefined ? '' : ` (${protocol})`}`;
