import type { EdgeTraffic as MeasuredEdge, ProxyFigures, TrafficReport } from '@journey/topology';
import type { PatternRun } from '../api.js';
import { perSecond } from '../dom.js';

/** The traffic reports the run's processes gave at the last probe (a mesh's control plane reading its proxies). */
export const trafficReports = (run: PatternRun): Array<{ process: string; report: TrafficReport }> =>
  run.processes.flatMap(({ name, traffic }) =>
    traffic?.available ? [{ process: name, report: traffic.report }] : [],
  );

/** Every proxy the reports list, by the process it runs beside. */
export const proxiesOf = (run: PatternRun): Map<string, ProxyFigures> =>
  new Map(trafficReports(run).flatMap(({ report }) => report.proxies.map((p) => [p.process, p] as const)));

/** What the proxies measured on the edge from → to, if a report has it. */
export const measuredEdge = (run: PatternRun, from: string, to: string): MeasuredEdge | undefined =>
  trafficReports(run)
    .flatMap(({ report }) => report.edges)
    .find((edge) => edge.from === from && edge.to === to);

export const errorShare = (rate: number) => `${(rate * 100).toFixed(1)}%`;

export const milliseconds = (ms: number | null) => (ms === null ? '–' : `${Math.round(ms)} ms`);

/** An edge's golden signals: `12 req/s`, `1.3% err`, `p99 13 ms`. */
export const edgeFigures = (edge: MeasuredEdge) => [
  perSecond(edge.rps),
  `${errorShare(edge.errorRate)} err`,
  `p99 ${milliseconds(edge.p99Ms)}`,
];
