import type { TrafficAnswer } from '@journey/orchestrator/runtime';
import { type TrafficReport, textColumns } from '@journey/topology';

const milliseconds = (ms: number | null) => (ms === null ? '-' : `${Math.round(ms)} ms`);
const orDash = (value: number | null, format: (value: number) => string) =>
  value === null ? '-' : format(value);

function reportLines(process: string, report: TrafficReport): string[] {
  const lines = [
    `traffic reported by ${process} (${report.source}; rates over the last ${report.windowSeconds} s):`,
  ];
  if (report.edges.length === 0) lines.push('  no request has crossed an edge yet');
  else {
    const rows = report.edges.map((edge) => [
      edge.from,
      edge.to,
      edge.rps.toFixed(1),
      `${(edge.errorRate * 100).toFixed(1)}%`,
      milliseconds(edge.p50Ms),
      milliseconds(edge.p99Ms),
      String(edge.total),
    ]);
    lines.push(
      ...textColumns([['FROM', 'TO', 'REQ/S', 'ERRORS', 'P50', 'P99', 'TOTAL'], ...rows]).map(
        (line) => `  ${line}`,
      ),
    );
  }
  if (report.proxies.length > 0) {
    lines.push('proxies:');
    const rows = report.proxies.map((proxy) => [
      proxy.process,
      proxy.identity,
      orDash(proxy.rssBytes, (bytes) => (bytes / 2 ** 20).toFixed(1)),
      orDash(proxy.cpuSeconds, (seconds) => seconds.toFixed(2)),
    ]);
    lines.push(
      ...textColumns([['PROCESS', 'IDENTITY', 'RSS MiB', 'CPU s'], ...rows]).map((line) => `  ${line}`),
    );
  }
  return lines;
}

/** What each process that reports traffic measured: its edges' golden signals and its proxies, after the process table. */
export function trafficLines(processes: Array<{ name: string; trafficReport?: TrafficAnswer }>): string[] {
  return processes.flatMap(({ name, trafficReport }) => {
    if (!trafficReport) return [];
    if (!trafficReport.available) return [`${name}'s traffic: unavailable (${trafficReport.detail})`];
    return reportLines(name, trafficReport.report);
  });
}
