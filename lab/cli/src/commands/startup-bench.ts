import { runStartupBench, type StartupRow } from '@journey/orchestrator';
import { textColumns } from '@journey/topology';
import { brokerArg, DEFAULT_PATTERN, explicitDbArg, integerArg, parse, patternArg } from '../usage.js';

const startupOptions = {
  startup: { type: 'boolean' },
  runs: { type: 'string' },
  db: { type: 'string' },
  broker: { type: 'string' },
} as const;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)}`;

export function formatStartup(rows: StartupRow[], runs: number): string {
  const table = [
    ['target', 'runs as', 'first answer', 'idle RSS MiB', 'per process (MiB)'],
    ...rows.map((row) => [
      row.target,
      row.mode,
      `${(row.firstAnswerMs / 1000).toFixed(2)} s`,
      mib(row.totalRssBytes),
      Object.entries(row.rssBytes)
        .map(([name, bytes]) => `${name} ${mib(bytes)}`)
        .join(', '),
    ]),
  ];
  return [
    `start-up, median of ${runs} run(s) (warm compile cache): from the start call to the first answer of GET /api/tags, then memory after idling`,
    ...textColumns(table),
  ].join('\n');
}

/** `journey bench --startup <pattern…> [--runs n]`: start-up time and idle memory, compiled and with tsx. */
export async function startupBench(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, startupOptions, 'bench --startup');
  const patterns = (positionals.length ? positionals : [DEFAULT_PATTERN]).map((p) => patternArg(p, 'bench'));
  const runs = integerArg('runs', values.runs, 3, 1, 20);
  const db = explicitDbArg(values.db);
  const broker = brokerArg(values.broker);
  const rows = await runStartupBench({
    patterns,
    runs,
    ...(db && { db }),
    ...(broker && { broker }),
    onProgress: (message) => console.error(`• ${message}`),
  });
  console.log(`\n${formatStartup(rows, runs)}`);
  return 0;
}
