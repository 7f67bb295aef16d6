import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SpanRecord } from './span-record.js';

export interface CollectedSpans {
  spans: SpanRecord[];
  /** Lines that are not a span: the half-written last line of a file being appended to, or damage. */
  unreadableLines: number;
}

/**
 * Every span in the `.jsonl` files of a spans folder, one file per process as JsonLinesSpanExporter
 * writes them: the reader lives beside the writer so both ends of the format change together.
 * With `sinceMs`, files last written before then are skipped unread: they hold no newer span.
 */
export function readSpanFiles(spansDir: string, sinceMs?: number): CollectedSpans {
  let files: string[];
  try {
    files = readdirSync(spansDir).filter((name) => name.endsWith('.jsonl'));
  } catch {
    return { spans: [], unreadableLines: 0 };
  }
  const spans: SpanRecord[] = [];
  let unreadableLines = 0;
  for (const name of files) {
    const file = join(spansDir, name);
    if (sinceMs !== undefined && statSync(file).mtimeMs < sinceMs) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      const span = parseSpan(line);
      if (span) spans.push(span);
      else unreadableLines++;
    }
  }
  return { spans, unreadableLines };
}

function parseSpan(line: string): SpanRecord | undefined {
  try {
    const value = JSON.parse(line) as Partial<SpanRecord>;
    const complete =
      typeof value.traceId === 'string' &&
      typeof value.spanId === 'string' &&
      typeof value.name === 'string' &&
      typeof value.startUs === 'number' &&
      typeof value.endUs === 'number';
    return complete ? ({ attributes: {}, service: '?', status: 'unset', ...value } as SpanRecord) : undefined;
  } catch {
    return undefined;
  }
}
