import type { SpanRecord } from '@journey/telemetry';

export interface SpanNode {
  span: SpanRecord;
  /** Sorted by start. */
  children: SpanNode[];
  /** It names a parent that was never recorded: lost in a crash, sampled out, or a caller outside the lab. */
  orphan: boolean;
}

/** One request's spans, from every process it crossed, as trees. */
export interface Trace {
  traceId: string;
  /** The real root first, then orphans, each group by start. */
  roots: SpanNode[];
  spanCount: number;
  /** Epoch microseconds: the earliest start and latest end of any span. */
  startUs: number;
  endUs: number;
  /** `error` when any span failed. */
  status: 'ok' | 'error';
}

export const traceDurationUs = (trace: Trace) => trace.endUs - trace.startUs;
export const traceRoot = (trace: Trace) => trace.roots[0]!.span;

/** Groups spans by trace and links each to its parent; spans may come in any order, from any file. */
export function assembleTraces(spans: SpanRecord[]): Trace[] {
  const byTrace = new Map<string, Map<string, SpanRecord>>();
  for (const span of spans) {
    const trace = byTrace.get(span.traceId) ?? new Map<string, SpanRecord>();
    byTrace.set(span.traceId, trace);
    // The same span read twice (a file copied, a retry of an export) is shown once.
    if (!trace.has(span.spanId)) trace.set(span.spanId, span);
  }
  return [...byTrace].map(([traceId, members]) => buildTrace(traceId, [...members.values()]));
}

function buildTrace(traceId: string, spans: SpanRecord[]): Trace {
  const nodes = new Map(
    spans.map((span) => [span.spanId, { span, children: [], orphan: false } as SpanNode]),
  );
  const roots: SpanNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.span.parentSpanId;
    const parent = parentId === undefined ? undefined : nodes.get(parentId);
    if (parent) parent.children.push(node);
    else {
      node.orphan = parentId !== undefined;
      roots.push(node);
    }
  }
  // Damaged files could make spans each other's parents, so no root leads to them: show them as orphans.
  const reached = new Set<SpanNode>();
  const reach = (node: SpanNode) => {
    if (reached.has(node)) return;
    reached.add(node);
    for (const child of node.children) reach(child);
  };
  for (const root of roots) reach(root);
  for (const node of nodes.values()) {
    if (reached.has(node)) continue;
    node.orphan = true;
    roots.push(node);
    reach(node);
  }
  const byStart = (a: SpanNode, b: SpanNode) => a.span.startUs - b.span.startUs;
  for (const node of nodes.values()) node.children.sort(byStart);
  roots.sort((a, b) => Number(a.orphan) - Number(b.orphan) || byStart(a, b));
  return {
    traceId,
    roots,
    spanCount: spans.length,
    startUs: Math.min(...spans.map((s) => s.startUs)),
    endUs: Math.max(...spans.map((s) => s.endUs)),
    status: spans.some((s) => s.status === 'error') ? 'error' : 'ok',
  };
}

/** Depth-first, parents before children, with each span's depth: the waterfall's line order. */
export function* walk(trace: Trace): Generator<{ node: SpanNode; depth: number }> {
  const seen = new Set<SpanNode>();
  function* visit(node: SpanNode, depth: number): Generator<{ node: SpanNode; depth: number }> {
    // A cycle of parents (see above) must not loop forever.
    if (seen.has(node)) return;
    seen.add(node);
    yield { node, depth };
    for (const child of node.children) yield* visit(child, depth + 1);
  }
  for (const root of trace.roots) yield* visit(root, 0);
}
