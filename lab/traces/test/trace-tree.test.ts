import { describe, expect, it } from 'vitest';
import { assembleTraces, walk } from '../src/trace-tree.js';
import { articleListTrace, span } from './synthetic-spans.js';

const namesByDepth = (spans: Parameters<typeof assembleTraces>[0]) =>
  [...walk(assembleTraces(spans)[0]!)].map(({ node, depth }) => `${depth}:${node.span.spanId}`);

describe('assembleTraces', () => {
  it('when spans arrive children first, then each hangs under its parent, in start order', () => {
    const [trace] = assembleTraces(articleListTrace);
    expect(namesByDepth(articleListTrace)).toEqual(['0:s1', '1:s2', '2:s3']);
    expect(trace).toMatchObject({ spanCount: 3, status: 'ok', startUs: articleListTrace[1]!.startUs });
    expect(trace!.endUs - trace!.startUs).toBe(10_000);
  });

  it('when spans of several traces are mixed, then each trace gets only its own', () => {
    const other = span({ traceId: 'b'.repeat(32), spanId: 'x1', name: 'GET /api/tags', at: 50, took: 10 });
    const traces = assembleTraces([articleListTrace[0]!, other, ...articleListTrace.slice(1)]);
    expect(traces.map((t) => [t.traceId[0], t.spanCount])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
  });

  it("when a span's parent was never recorded, then it is an orphan root after the real root", () => {
    const lost = span({ spanId: 'o1', parentSpanId: 'gone', name: 'GET /comments', at: 1_000, took: 100 });
    const [trace] = assembleTraces([lost, ...articleListTrace]);
    expect(trace!.roots.map((r) => [r.span.spanId, r.orphan])).toEqual([
      ['s1', false],
      ['o1', true],
    ]);
  });

  it('when the same span is read twice, then it is counted once', () => {
    expect(assembleTraces([...articleListTrace, articleListTrace[0]!])[0]!.spanCount).toBe(3);
  });

  it('when damaged spans name each other as parents, then both are still shown, once', () => {
    const loop = [
      span({ spanId: 'l1', parentSpanId: 'l2', name: 'one', at: 0, took: 1 }),
      span({ spanId: 'l2', parentSpanId: 'l1', name: 'two', at: 1, took: 1 }),
    ];
    expect(namesByDepth(loop)).toEqual(['0:l1', '1:l2']);
  });

  it('when any span failed, then the trace failed', () => {
    const failed = [...articleListTrace.slice(0, 2), { ...articleListTrace[2]!, status: 'error' as const }];
    expect(assembleTraces(failed)[0]!.status).toBe('error');
  });
});
