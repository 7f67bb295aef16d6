import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSpanFiles, type SpanRecord } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'journey-spans-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const span = (spanId: string, service: string, parentSpanId?: string): SpanRecord => ({
  traceId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  spanId,
  ...(parentSpanId && { parentSpanId }),
  name: 'GET /articles',
  kind: 'server',
  service,
  startUs: 1_000,
  endUs: 2_000,
  status: 'unset',
  attributes: {},
});
const lines = (spans: unknown[]) => spans.map((s) => `${JSON.stringify(s)}\n`).join('');

describe('readSpanFiles', () => {
  // The callee's process flushed first: its file holds the child before the gateway's holds the parent.
  writeFileSync(join(dir, 'articles-200.jsonl'), lines([span('s3', 'articles', 's2')]));
  writeFileSync(
    join(dir, 'gateway-100.jsonl'),
    `${lines([span('s1', 'gateway'), span('s2', 'gateway', 's1')])}{"traceId":"aaaa","spanId":"half-writ`,
  );
  writeFileSync(join(dir, 'notes.txt'), 'not spans');

  it('when spans of one trace are spread over files, then every whole line of every .jsonl file is read', () => {
    const { spans, unreadableLines } = readSpanFiles(dir);
    expect(spans.map((s) => `${s.service} ${s.spanId}←${s.parentSpanId ?? 'root'}`).sort()).toEqual([
      'articles s3←s2',
      'gateway s1←root',
      'gateway s2←s1',
    ]);
    expect(unreadableLines).toBe(1);
  });

  it('when a line lacks the optional fields, then they get their defaults', () => {
    writeFileSync(
      join(dir, 'bare-300.jsonl'),
      lines([{ traceId: 'bbbb', spanId: 'b1', name: 'x', startUs: 1, endUs: 2 }]),
    );
    const bare = readSpanFiles(dir).spans.find((s) => s.spanId === 'b1');
    expect(bare).toMatchObject({ attributes: {}, service: '?', status: 'unset' });
    rmSync(join(dir, 'bare-300.jsonl'));
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
