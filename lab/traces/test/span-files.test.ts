import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSpanFiles } from '../src/span-files.js';
import { assembleTraces } from '../src/trace-tree.js';
import { articleListTrace } from './synthetic-spans.js';

const dir = mkdtempSync(join(tmpdir(), 'journey-spans-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (spans: unknown[]) => spans.map((s) => `${JSON.stringify(s)}\n`).join('');

describe('readSpanFiles', () => {
  // The callee's process flushed first: its file holds the child before the gateway's holds the parent.
  writeFileSync(join(dir, 'articles-200.jsonl'), lines([articleListTrace[0]]));
  writeFileSync(
    join(dir, 'gateway-100.jsonl'),
    `${lines(articleListTrace.slice(1))}{"traceId":"aaaa","spanId":"half-writ`,
  );
  writeFileSync(join(dir, 'notes.txt'), 'not spans');

  it('when spans of one trace are spread over files, then together they form one tree', () => {
    const { spans, unreadableLines } = readSpanFiles(dir);
    expect(spans).toHaveLength(3);
    expect(unreadableLines).toBe(1);
    expect(assembleTraces(spans)[0]!.roots).toHaveLength(1);
  });

  it('when a file was last written before the window, then it is not read', () => {
    const old = new Date('2026-01-01T00:00:00Z');
    utimesSync(join(dir, 'articles-200.jsonl'), old, old);
    const { spans } = readSpanFiles(dir, Date.parse('2026-06-01T00:00:00Z'));
    expect(spans.map((s) => s.spanId).sort()).toEqual(['s1', 's2']);
  });

  it('when nothing was collected yet, then there are no spans and no error', () => {
    expect(readSpanFiles(join(dir, 'missing'))).toEqual({ spans: [], unreadableLines: 0 });
  });
});
