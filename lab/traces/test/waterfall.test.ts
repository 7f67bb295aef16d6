import { describe, expect, it } from 'vitest';
import { findTrace, latestTraces, slowestTrace } from '../src/select-traces.js';
import { assembleTraces } from '../src/trace-tree.js';
import { formatTraceList, formatWaterfall } from '../src/waterfall.js';
import { articleListTrace, span } from './synthetic-spans.js';

describe('formatWaterfall', () => {
  it('when a trace crosses two services, then each span is a line indented by depth with its offset, duration and bar', () => {
    const [trace] = assembleTraces(articleListTrace);
    expect(formatWaterfall(trace!)).toBe(
      [
        'trace aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa · GET /api/articles · 10.0 ms · 3 spans · ok · 2026-11-26 01:00:00.000 UTC',
        '',
        ' start  duration  service   span                         0                               10.0 ms',
        '0.0 ms   10.0 ms  gateway   GET /api/articles           |████████████████████████████████████████|',
        '2.0 ms    6.0 ms  gateway     GET /articles → articles  |        ████████████████████████        |',
        '2.5 ms    5.0 ms  articles      GET /articles           |          ████████████████████          |',
      ].join('\n'),
    );
  });

  it('when a span failed or lost its parent, then its line says so', () => {
    const lost = span({
      spanId: 'o1',
      parentSpanId: '00f067aa0ba902b7',
      name: 'GET /comments',
      service: 'comments',
      status: 'error',
      statusMessage: 'timeout: headers',
      at: 9_000,
      took: 1_000,
    });
    const lines = formatWaterfall(assembleTraces([...articleListTrace, lost])[0]!).split('\n');
    expect(lines.at(-1)).toMatch(
      /^9\.0 ms +1\.0 ms {2}comments {2}GET \/comments +\| {36}████\| {2}✗ timeout: headers \(parent 00f067aa0ba902b7 not recorded\)$/,
    );
  });
});

describe('choosing traces', () => {
  const quick = span({
    traceId: 'b'.repeat(32),
    spanId: 'q',
    name: 'GET /api/tags',
    at: 20_000,
    took: 1_000,
  });
  const traces = assembleTraces([...articleListTrace, quick]).sort((a, b) => a.startUs - b.startUs);

  it('then the latest is the last started, the slowest the longest', () => {
    expect(latestTraces(traces, 1)[0]!.traceId).toBe('b'.repeat(32));
    expect(slowestTrace(traces)!.traceId).toBe('a'.repeat(32));
  });

  it('when asked by a prefix of its id, then the one trace it names is found; an unknown id finds none', () => {
    expect(findTrace(traces, 'BBBB')?.traceId).toBe('b'.repeat(32));
    expect(findTrace(traces, 'cccc')).toBeUndefined();
  });

  it('when listed, then each trace shows its root, duration, span count and status', () => {
    expect(formatTraceList(latestTraces(traces, 2)).split('\n')).toEqual([
      'trace id                          started (UTC)              duration  spans  status  root',
      'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb  2026-11-26 01:00:00.020      1.0 ms      1  ok      GET /api/tags (gateway)',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  2026-11-26 01:00:00.000     10.0 ms      3  ok      GET /api/articles (gateway)',
    ]);
  });
});
