import {
  connectControl,
  describeExit,
  fetchHostedUnits,
  type HostedUnitsAnswer,
  labFacingUrl,
  type ProcessStatus,
  type RunState,
  runningTopologies,
  type TrafficAnswer,
  trafficOfProcess,
} from '@journey/orchestrator/runtime';
import { type HostedUnitsReport, type LatencyFigures, textColumns } from '@journey/topology';
import { NOTHING_RUNNING, runningTarget } from '../running.js';
import { integerArg, parse, UsageError } from '../usage.js';
import { trafficLines } from './ps-traffic.js';

export const psOptions = { json: { type: 'boolean' }, 'requests-per-month': { type: 'string' } } as const;

/** A process's status and, when it declares hosted units or traffic, what it reports about them now. */
type ProcessReport = ProcessStatus & { hostedUnitsReport?: HostedUnitsAnswer; trafficReport?: TrafficAnswer };

const duration = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
};

const megabytes = (bytes: number) => (bytes > 0 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : '-');

function row(p: ProcessStatus, now: number): string[] {
  const forHowLong = duration(now - Date.parse(p.since));
  const state = p.state === 'exited' && p.exit ? `exited (${describeExit(p.exit)})` : p.state;
  return [
    p.name,
    p.pid === null ? '-' : String(p.pid),
    p.adminPort === undefined ? String(p.port) : `${p.port} admin :${p.adminPort}`,
    state,
    p.health.ok ? 'healthy' : `unhealthy: ${p.health.detail}`,
    megabytes(p.rssBytes),
    String(p.restarts),
    p.state === 'running' ? forHowLong : `${p.state} ${forHowLong} ago`,
  ];
}

const latency = (figures: LatencyFigures | null) =>
  figures ? `${Math.round(figures.p50Ms)}/${Math.round(figures.p99Ms)} ms` : '-';

// A light workload costs fractions of a cent: two decimals would show it as free.
const dollars = (usd: number) => `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;

/** The units a process hosts, as a table indented under it, then the monthly cost of the workload asked. */
function hostedUnitsLines(process: string, answer: HostedUnitsAnswer): string {
  if (!answer.available) return `  ${process}'s hosted units: unavailable (${answer.detail})`;
  const report: HostedUnitsReport = answer.report;
  // `functions` → FUNCTION: the column is named after the units, whatever the runtime hosts.
  const header = [
    report.unit.replace(/s$/, '').toUpperCase(),
    'TRIGGER',
    'INSTANCES NOW/PEAK',
    'INVOCATIONS',
    'COLD STARTS',
    'COLD P50/P99',
    'WARM P50/P99',
  ];
  const rows = report.units.map((unit) => [
    unit.name,
    unit.trigger,
    `${unit.instances}/${unit.peakInstances}`,
    String(unit.invocations),
    String(unit.coldStarts),
    latency(unit.cold),
    latency(unit.warm),
  ]);
  const lines = [`  ${process} hosts ${report.units.length} ${report.unit} on ${report.runtime}`];
  lines.push(...textColumns([header, ...rows]).map((line) => `    ${line}`));
  if (report.cost) {
    lines.push(`  estimated cost for ${report.cost.workload}:`);
    const costRows = report.cost.rows.map((row) => [row.platform, dollars(row.monthlyUsd), row.breakdown]);
    lines.push(
      ...textColumns([['PLATFORM', 'PER MONTH', 'BREAKDOWN'], ...costRows]).map((line) => `    ${line}`),
    );
  } else {
    // A runtime prices a month from what it measured: before its first invocation it has nothing to price.
    lines.push(`  no cost estimate yet: ${process} reports none before it has measured an invocation`);
  }
  return lines.join('\n');
}

/** Asks every running process that declares hosted units or traffic for its reports; the others as they are. */
function withReports(
  processes: ProcessStatus[],
  requestsPerMonth: number | undefined,
): Promise<ProcessReport[]> {
  return Promise.all(
    processes.map(async (p): Promise<ProcessReport> => {
      const trafficReport = await trafficOfProcess(p);
      const withTraffic = trafficReport ? { ...p, trafficReport } : p;
      if (p.hostedUnits === undefined) return withTraffic;
      const hostedUnitsReport: HostedUnitsAnswer =
        p.pid === null
          ? { available: false, detail: `${p.name} is ${p.state}` }
          : await fetchHostedUnits({ url: labFacingUrl(p), path: p.hostedUnits, requestsPerMonth });
      return { ...withTraffic, hostedUnitsReport };
    }),
  );
}

/** The process table, each process's hosted units under its row. */
function processTable(header: string[], processes: ProcessReport[], now: number): string {
  const lines = textColumns([header, ...processes.map((p) => row(p, now))]);
  const [headerLine, ...rowLines] = lines;
  return [
    headerLine,
    ...processes.flatMap((p, i) =>
      p.hostedUnitsReport ? [rowLines[i]!, hostedUnitsLines(p.name, p.hostedUnitsReport)] : [rowLines[i]!],
    ),
  ].join('\n');
}

/**
 * Status of every process of the running topologies (or one): pid, port, health asked now, RSS, restarts;
 * and what each runs on, with the names it uses on shared servers (databases, broker namespace). A
 * process hosting units (a function runtime) shows them under its row, with the monthly cost of the
 * workload `--requests-per-month` names; a process reporting traffic (a mesh's control plane) has what
 * its proxies measured, per edge and per proxy, printed after the table.
 */
export async function ps(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, psOptions, 'ps');
  if (positionals.length > 1) throw new UsageError(`journey ps: name at most one pattern`);
  const requestsPerMonth =
    values['requests-per-month'] === undefined
      ? undefined
      : integerArg('requests-per-month', values['requests-per-month'], 0, 1, 1_000_000_000_000);
  const targets: RunState[] =
    positionals.length === 1 ? [runningTarget(positionals, 'ps').state] : runningTopologies();
  const reports = await Promise.all(
    targets.map(async (state) => ({
      pattern: state.pattern,
      url: state.url,
      ownerPid: state.ownerPid,
      infrastructure: state.infrastructure,
      processes: await withReports(await connectControl(state).status(), requestsPerMonth),
    })),
  );
  if (values.json) {
    console.log(JSON.stringify(reports, null, 2));
    return 0;
  }
  if (reports.length === 0) {
    console.log(NOTHING_RUNNING);
    return 0;
  }
  const now = Date.now();
  const header = ['PROCESS', 'PID', 'PORT', 'STATE', 'HEALTH', 'RSS', 'RESTARTS', 'UPTIME'];
  console.log(
    reports
      .map(
        (report) =>
          `${report.pattern} at ${report.url}/api (journey up, pid ${report.ownerPid})\n` +
          report.infrastructure.map((line) => `on ${line}\n`).join('') +
          [processTable(header, report.processes, now), ...trafficLines(report.processes)].join('\n'),
      )
      .join('\n\n'),
  );
  return 0;
}
