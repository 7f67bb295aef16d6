import type { Topology } from '@journey/topology';

/** What a pattern runs as, from its topology: the figures that grow when a system is split up. */
export interface TopologyFigures {
  processes: number;
  /** Infrastructure pieces by kind (`database`, `broker`…), kinds as the topology names them. */
  infrastructure: Record<string, number>;
  /** Edges by protocol (`http`, `sql`, `events`…): who talks to whom, and how. */
  edges: Record<string, number>;
}

const countBy = <T>(items: T[], key: (item: T) => string) => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};

export function topologyFigures(topology: Topology): TopologyFigures {
  return {
    processes: topology.processes.length,
    infrastructure: countBy(topology.infrastructure, (piece) => piece.kind),
    edges: countBy(topology.edges, (edge) => edge.protocol),
  };
}
