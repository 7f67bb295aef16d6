import {
  connectControl,
  describeExit,
  type ProcessStatus,
  type RunState,
  runningTopologies,
} from '@journey/orchestrator/runtime';
import { NOTHING_RUNNING, runningTarget } from '../running.js';
import { parse, UsageError } from '../usage.js';

export const psOptions = { json: { type: 'boolean' } } as const;

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
    String(p.port),
    state,
    p.health.ok ? 'healthy' : `unhealthy: ${p.health.detail}`,
    megabytes(p.rssBytes),
    String(p.restarts),
    p.state === 'running' ? forHowLong : `${p.state} ${forHowLong} ago`,
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((r) => r[column]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * Status of every process of the running topologies (or one): pid, port, health asked now, RSS, restarts;
 * and what each runs on, with the names it uses on shared servers (databases, broker namespace).
 */
export async function ps(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, psOptions, 'ps');
  if (positionals.length > 1) throw new UsageError(`journey ps: name at most one pattern`);
  const targets: RunState[] =
    positionals.length === 1 ? [runningTarget(positionals, 'ps').state] : runningTopologies();
  const reports = await Promise.all(
    targets.map(async (state) => ({
      pattern: state.pattern,
      url: state.url,
      ownerPid: state.ownerPid,
      infrastructure: state.infrastructure,
      processes: await connectControl(state).status(),
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
          table([header, ...report.processes.map((p) => row(p, now))]),
      )
      .join('\n\n'),
  );
  return 0;
}
