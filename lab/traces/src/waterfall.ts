import { type Trace, traceDurationUs, traceRoot, walk } from './trace-tree.js';

const BAR_WIDTH = 40;

export const formatMs = (us: number) => `${(us / 1000).toFixed(1)} ms`;
const clockTime = (us: number) => new Date(us / 1000).toISOString().replace('T', ' ').slice(0, 23);

/**
 * One line per span, indented by depth: start offset from the trace's first span, duration, the
 * process that recorded it, its name, and a bar placed and sized on the scale of the whole trace.
 */
export function formatWaterfall(trace: Trace): string {
  const total = Math.max(traceDurationUs(trace), 1);
  const root = traceRoot(trace);
  const rows = [...walk(trace)].map(({ node, depth }) => {
    const { span } = node;
    const target = span.kind === 'client' && span.attributes['peer.service'];
    const name = `${'  '.repeat(depth)}${span.name}${target ? ` → ${target}` : ''}`;
    // At least one cell, so a 0.1 ms span is still visible; never past the right edge.
    const from = Math.min(BAR_WIDTH - 1, Math.round(((span.startUs - trace.startUs) / total) * BAR_WIDTH));
    const cells = Math.round(((span.endUs - span.startUs) / total) * BAR_WIDTH);
    const length = Math.min(BAR_WIDTH - from, Math.max(1, cells));
    const notes = [
      span.status === 'error' ? `✗ ${span.statusMessage ?? 'error'}` : '',
      node.orphan ? `(parent ${span.parentSpanId} not recorded)` : '',
    ].filter(Boolean);
    return {
      offset: formatMs(span.startUs - trace.startUs),
      duration: formatMs(span.endUs - span.startUs),
      service: span.service,
      name,
      bar: `${' '.repeat(from)}${'█'.repeat(length)}`,
      notes: notes.join(' '),
    };
  });
  const width = (pick: (row: (typeof rows)[number]) => string, heading: string) =>
    Math.max(heading.length, ...rows.map((row) => pick(row).length));
  const w = {
    offset: width((r) => r.offset, 'start'),
    duration: width((r) => r.duration, 'duration'),
    service: width((r) => r.service, 'service'),
    name: width((r) => r.name, 'span'),
  };
  const line = (
    offset: string,
    duration: string,
    service: string,
    name: string,
    bar: string,
    notes: string,
  ) =>
    `${offset.padStart(w.offset)}  ${duration.padStart(w.duration)}  ${service.padEnd(w.service)}  ${name.padEnd(w.name)}  ${bar.padEnd(BAR_WIDTH)}${notes ? `  ${notes}` : ''}`.trimEnd();
  return [
    `trace ${trace.traceId} · ${root.name} · ${formatMs(traceDurationUs(trace))} · ${trace.spanCount} ${trace.spanCount === 1 ? 'span' : 'spans'} · ${trace.status} · ${clockTime(trace.startUs)} UTC`,
    '',
    line(
      'start',
      'duration',
      'service',
      'span',
      ` 0${' '.repeat(BAR_WIDTH - 2 - formatMs(total).length)}${formatMs(total)} `,
      '',
    ),
    ...rows.map((r) =>
      line(r.offset, r.duration, r.service, r.name, `|${r.bar.padEnd(BAR_WIDTH)}|`, r.notes),
    ),
  ].join('\n');
}

/** The traces given, one line each: id, start, duration, span count, status, and the root span. */
export function formatTraceList(traces: Trace[]): string {
  const header = `${'trace id'.padEnd(32)}  ${'started (UTC)'.padEnd(23)}  ${'duration'.padStart(10)}  spans  status  root`;
  const lines = traces.map((trace) => {
    const root = traceRoot(trace);
    return `${trace.traceId.padEnd(32)}  ${clockTime(trace.startUs)}  ${formatMs(traceDurationUs(trace)).padStart(10)}  ${String(trace.spanCount).padStart(5)}  ${trace.status.padEnd(6)}  ${root.name} (${root.service})`;
  });
  return [header, ...lines].join('\n');
}
