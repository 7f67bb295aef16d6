import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchReport, runBench } from '@journey/orchestrator';
import { dataDir } from '@journey/platform';
import { progressBar } from '../progress.js';
import { dbArg, integerArg, parse, patternArg } from '../usage.js';

export const benchOptions = {
  duration: { type: 'string' },
  rounds: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string' },
  users: { type: 'string' },
  articles: { type: 'string' },
  db: { type: 'string' },
} as const;

/** `journey bench <pattern…>`: every pattern and both baselines, measured in one run, printed side by side. */
export async function bench(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, benchOptions, 'bench');
  const patterns = (positionals.length ? positionals : ['monolith']).map((p) => patternArg(p, 'bench'));
  const bar = progressBar('seeding');
  let seeding = false;
  const report = await runBench({
    patterns,
    db: dbArg(values.db),
    durationSec: integerArg('duration', values.duration, 5, 1, 600),
    rounds: integerArg('rounds', values.rounds, 2, 1, 20),
    warmupSec: integerArg('warmup', values.warmup, 2, 0, 60),
    connections: integerArg('connections', values.connections, 50, 1, 1_000),
    users: integerArg('users', values.users, 100, 1, 10_000),
    articles: integerArg('articles', values.articles, 2_000, 1, 1_000_000),
    onProgress: (message, seed) => {
      if (seed) {
        seeding = true;
        bar.update(seed.done, seed.total);
        return;
      }
      if (seeding) {
        bar.stop();
        seeding = false;
      }
      console.error(`• ${message}`);
    },
  });
  console.log(`\n${formatReport(report)}`);
  const file = join(dataDir(), 'bench', `${report.at.replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(dataDir(), 'bench'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nfull report: ${file}`);
  const invalid = report.rows.filter((r) => r.failures > 0);
  for (const row of invalid)
    console.error(`✗ ${row.target} ${row.endpoint}: ${row.failures} of ${row.total} requests failed`);
  return invalid.length === 0 ? 0 : 1;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export function formatReport(report: BenchReport): string {
  const raw = report.rawBaseline?.requestsPerSec;
  const header = ['target', 'endpoint', 'req/s', 'p50', 'p99', 'peak RSS', 'procs', 'vs (b)'];
  const lines = report.rows.map((r) => [
    r.target,
    r.endpoint,
    r.requestsPerSec.toFixed(0),
    `${r.p50Ms} ms`,
    `${r.p99Ms} ms`,
    mib(r.peakRssBytes),
    String(r.processes),
    raw ? `${((r.requestsPerSec / raw) * 100).toFixed(0)}%` : 'n/a',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  const s = report.settings;
  return [
    `Benchmark ${report.at} — ${s.connections} connections, best of ${s.rounds} interleaved rounds of ${s.durationSec}s ` +
      `per row (each after ${s.warmupSec}s warm-up), ` +
      `${s.db}, ${s.users} users / ${s.articles} articles seeded`,
    `Machine: ${report.machine.cpus} × ${report.machine.model}, Node ${report.machine.node}. ` +
      'The load generator (autocannon) runs on the same machine and shares its cores with the server under test.',
    '',
    row(header),
    row(widths.map((w) => '-'.repeat(w))),
    ...lines.map(row),
  ].join('\n');
}
