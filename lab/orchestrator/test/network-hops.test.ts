import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hopsFromTopology, hopsFromTraces } from '../src/compare/network-hops.js';
import { loadTopology } from '../src/patterns.js';

describe('network hops per request', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'journey-hops-'));
  afterAll(() => rmSync(runDir, { recursive: true, force: true }));

  it('when read from a topology, then it is the deepest chain of request/response calls from the client', async () => {
    expect(hopsFromTopology(await loadTopology('monolith')).hopsPerRequest).toBe(1);
    // client → gateway → articles → comments
    expect(hopsFromTopology(await loadTopology('microservices')).hopsPerRequest).toBe(3);
  });

  it('when read from traces, then each server span is a hop, averaged over the traces inside the window', () => {
    const span = (traceId: string, spanId: string, kind: string, startMs: number, parentSpanId?: string) =>
      JSON.stringify({
        traceId,
        spanId,
        parentSpanId,
        name: 'GET /api/articles',
        kind,
        service: 'x',
        startUs: startMs * 1000,
        endUs: (startMs + 5) * 1000,
        status: 'ok',
        attributes: {},
      });
    mkdirSync(join(runDir, 'spans'), { recursive: true });
    writeFileSync(
      join(runDir, 'spans', 'gateway-1.jsonl'),
      [
        // Two hops: the gateway's server span, its client call, the service's server span; a query.
        span('a', '1', 'server', 1_000),
        span('a', '2', 'client', 1_001, '1'),
        span('a', '3', 'server', 1_001, '2'),
        span('a', '4', 'internal', 1_002, '3'),
        // One hop, and a consumer that ran later in the same trace: not a hop of the request.
        span('b', '1', 'server', 1_010),
        span('b', '2', 'consumer', 1_011, '1'),
        // Before the window.
        span('c', '1', 'server', 10),
        'half a line',
      ].join('\n'),
    );
    expect(hopsFromTraces(runDir, { fromMs: 500, toMs: 2_000 })).toEqual({
      hopsPerRequest: 1.5,
      method: 'traces',
      traces: 2,
    });
    expect(hopsFromTraces(runDir, { fromMs: 5_000, toMs: 6_000 })).toBeUndefined();
  });
});
