import type { TrafficReport } from '@journey/topology';
import type { PatternView, ProcessStatus } from '../../api.js';
import { dataTable, h, mib } from '../../dom.js';
import { errorShare, milliseconds } from '../traffic-figures.js';
import type { StageState } from './stage-state.js';

const cpu = (seconds: number | null) => (seconds === null ? '–' : `${seconds.toFixed(2)} s`);

function reportTables(process: string, report: TrafficReport) {
  const edges =
    report.edges.length === 0
      ? h('p', { class: 'muted' }, `${process}: no request has crossed an edge yet.`)
      : dataTable(
          `Traffic measured by ${report.source}, rates over the last ${report.windowSeconds} s`,
          ['From', 'To', 'Requests/s', 'Errors', 'p50', 'p99', 'Total'],
          report.edges.map((edge) => [
            edge.from,
            edge.to,
            edge.rps.toFixed(1),
            errorShare(edge.errorRate),
            milliseconds(edge.p50Ms),
            milliseconds(edge.p99Ms),
            edge.total,
          ]),
        );
  const proxies =
    report.proxies.length === 0
      ? null
      : dataTable(
          'Proxies beside the processes',
          ['Process', 'Identity', 'RSS', 'CPU'],
          report.proxies.map((proxy) => [
            proxy.process,
            proxy.identity,
            mib(proxy.rssBytes),
            cpu(proxy.cpuSeconds),
          ]),
        );
  return h('div', { class: 'table-scroll' }, edges, proxies);
}

function processTraffic(status: ProcessStatus | undefined, process: string) {
  const answer = status?.traffic;
  if (!answer) return h('p', { class: 'muted' }, `${process}: start the pattern to see its traffic.`);
  if (!answer.available)
    return h('p', { class: 'muted' }, `${process}'s traffic: unavailable (${answer.detail})`);
  return reportTables(process, answer.report);
}

/** The processes that report traffic, by the topology file: the table is drawn only for a pattern that has one. */
const reportingProcesses = (pattern: PatternView) =>
  (pattern.graph?.nodes ?? []).filter((node) => node.reportsTraffic).map((node) => node.id);

/**
 * The traffic between the processes as their proxies measured it, live from each probe: per edge its
 * rate, errors and latencies, per proxy what it costs in memory and CPU.
 */
export function trafficPanel(state: StageState) {
  const reporting = reportingProcesses(state.pattern);
  const tables = h('div', { class: 'traffic', 'aria-live': 'polite' });
  const element =
    reporting.length > 0
      ? h(
          'section',
          { 'aria-labelledby': 'traffic-heading' },
          h('h3', { id: 'traffic-heading' }, 'Traffic'),
          tables,
        )
      : null;
  return {
    element,
    render() {
      tables.replaceChildren(
        ...reporting.map((process) =>
          processTraffic(
            state.run.processes.find((p) => p.name === process),
            process,
          ),
        ),
      );
    },
  };
}
