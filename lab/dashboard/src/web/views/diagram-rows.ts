import type { TopologyGraph } from '../api.js';

/**
 * How many rows the diagram's breadth-first layout stacks the graph in, from the client down: each node
 * one row below the nearest node with an edge to it.
 */
export function diagramRows(graph: Pick<TopologyGraph, 'edges'>): number {
  const rowOf = new Map<string, number>([['client', 0]]);
  let frontier = ['client'];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const from of frontier) {
      for (const edge of graph.edges) {
        if (edge.from !== from || rowOf.has(edge.to)) continue;
        rowOf.set(edge.to, rowOf.get(from)! + 1);
        next.push(edge.to);
      }
    }
    frontier = next;
  }
  return Math.max(...rowOf.values()) + 1;
}
