import { join } from 'node:path';
import { readSpanFiles } from '@journey/telemetry';
import { isRequestResponse, type Topology } from '@journey/topology';

export interface HopCount {
  /** Network hops one request crosses on average (client → gateway → service counts 2). */
  hopsPerRequest: number;
  /** How it was counted: `traces` (measured) or `topology` (the deepest request/response path). */
  method: 'traces' | 'topology';
  /** The traces it was averaged over; 0 for the topology's count. */
  traces: number;
}

/**
 * Hops from the spans the processes recorded in a time window: every `server` span is one HTTP request
 * that crossed into a process (the client's into the public process, then each internal call), so a
 * trace's server spans are the hops its request took. Database calls and the events a write publishes
 * are not hops of the request: the one is not HTTP, the other happens after the answer.
 * Undefined when no trace started and ended in the window (tracing off).
 */
export function hopsFromTraces(
  runDir: string,
  window: { fromMs: number; toMs: number },
): HopCount | undefined {
  const { spans } = readSpanFiles(join(runDir, 'spans'), window.fromMs);
  const byTrace = new Map<string, { startUs: number; endUs: number; servers: number }>();
  for (const span of spans) {
    const trace = byTrace.get(span.traceId) ?? { startUs: span.startUs, endUs: span.endUs, servers: 0 };
    trace.startUs = Math.min(trace.startUs, span.startUs);
    trace.endUs = Math.max(trace.endUs, span.endUs);
    if (span.kind === 'server') trace.servers++;
    byTrace.set(span.traceId, trace);
  }
  const inWindow = [...byTrace.values()].filter(
    (t) => t.servers > 0 && t.startUs >= window.fromMs * 1000 && t.endUs <= window.toMs * 1000,
  );
  if (inWindow.length === 0) return undefined;
  const hops = inWindow.reduce((sum, t) => sum + t.servers, 0) / inWindow.length;
  return { hopsPerRequest: hops, method: 'traces', traces: inWindow.length };
}

/**
 * What the topology alone says: the longest chain of request/response edges from the client, the
 * most hops a request can take. The fallback when nothing was traced.
 */
export function hopsFromTopology(topology: Topology): HopCount {
  const calls = topology.edges.filter((edge) => isRequestResponse(edge.protocol));
  const deepest = (from: string, seen: ReadonlySet<string>): number =>
    Math.max(
      0,
      ...calls
        .filter((edge) => edge.from === from && !seen.has(edge.to))
        .map((edge) => 1 + deepest(edge.to, new Set([...seen, edge.to]))),
    );
  return { hopsPerRequest: deepest('client', new Set(['client'])), method: 'topology', traces: 0 };
}
