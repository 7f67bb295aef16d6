import { join } from 'node:path';
import { readRunState, runDirectory } from '@journey/orchestrator';
import { readSpanFiles } from '@journey/telemetry';
import { assembleTraces, type Trace } from './trace-tree.js';

export interface CollectedTraces {
  spansDir: string;
  /** Oldest first. */
  traces: Trace[];
  unreadableLines: number;
}

/** Where a pattern's processes write spans: its running topology's run directory, else the last one's. */
export const spansDirectory = (pattern: string) =>
  join(readRunState(pattern)?.runDir ?? runDirectory(pattern), 'spans');

/** The traces a pattern's processes recorded, those started since `sinceMs` (epoch ms) when given. */
export function collectTraces(pattern: string, sinceMs?: number): CollectedTraces {
  const spansDir = spansDirectory(pattern);
  const { spans, unreadableLines } = readSpanFiles(spansDir, sinceMs);
  const traces = assembleTraces(spans)
    .filter((trace) => sinceMs === undefined || trace.startUs >= sinceMs * 1000)
    .sort((a, b) => a.startUs - b.startUs);
  return { spansDir, traces, unreadableLines };
}
