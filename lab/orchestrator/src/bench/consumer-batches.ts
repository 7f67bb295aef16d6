import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { repoRoot } from '../repo-root.js';

/** The event-driven pattern's own script: it measures in-process, the lab only runs it and prints. */
const SCRIPT = 'patterns/event-driven/bench/consumer-batches.ts';

export interface ConsumerBatchRow {
  round: number;
  batchSize: number;
  events: number;
  ms: number;
  eventsPerSec: number;
}

/**
 * How fast views applies events one per transaction (the baseline) and in batches, measured in one
 * run, interleaved. A child process, so the pattern's code stays the pattern's; its stderr is progress.
 */
export function runConsumerBatchBench(options: {
  events: number;
  rounds: number;
  onProgress?: (message: string) => void;
}): Promise<ConsumerBatchRow[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', SCRIPT, '--events', String(options.events), '--rounds', String(options.rounds)],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const rows: ConsumerBatchRow[] = [];
  const errors: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => rows.push(JSON.parse(line)));
  createInterface({ input: child.stderr }).on('line', (line) => {
    errors.push(line);
    options.onProgress?.(`consumer: ${line}`);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(rows)
        : reject(new Error(`${SCRIPT} exited with ${code}: ${errors.slice(-5).join('\n')}`)),
    );
  });
}

/** Best round per batch size, and each against one event per transaction. */
export function formatConsumerBatches(rows: ConsumerBatchRow[]): string {
  const best = new Map<number, ConsumerBatchRow>();
  for (const row of rows) {
    const seen = best.get(row.batchSize);
    if (!seen || row.eventsPerSec > seen.eventsPerSec) best.set(row.batchSize, row);
  }
  const baseline = best.get(1)?.eventsPerSec;
  const rounds = Math.max(0, ...rows.map((r) => r.round));
  const lines = [
    `Views consumer (event-driven) on SQLite, broker left out: ArticlePublished events, each fanned out to 20 feeds; ` +
      `best of ${rounds} interleaved rounds`,
    '',
    `${'batch'.padEnd(6)} ${'events'.padStart(7)} ${'events/s'.padStart(9)} ${'vs 1'.padStart(6)}`,
  ];
  for (const row of [...best.values()].sort((a, b) => a.batchSize - b.batchSize)) {
    const ratio = baseline ? `${((row.eventsPerSec / baseline) * 100).toFixed(0)}%` : 'n/a';
    lines.push(
      `${String(row.batchSize).padEnd(6)} ${String(row.events).padStart(7)} ${String(row.eventsPerSec).padStart(9)} ${ratio.padStart(6)}`,
    );
  }
  return lines.join('\n');
}
