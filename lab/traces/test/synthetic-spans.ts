import type { SpanRecord } from '@journey/telemetry';

const T0 = Date.UTC(2026, 10, 26, 1, 0, 0) * 1000;

/** A span of a synthetic trace; times are microseconds after 01:00:00 UTC on 26 Nov 2026. */
export function span(
  fields: Partial<SpanRecord> & Pick<SpanRecord, 'spanId' | 'name'> & { at: number; took: number },
): SpanRecord {
  const { at, took, ...rest } = fields;
  return {
    traceId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    kind: 'server',
    service: 'gateway',
    status: 'unset',
    attributes: {},
    startUs: T0 + at,
    endUs: T0 + at + took,
    ...rest,
  };
}

/** gateway GET /api/articles (10 ms) → client call to articles (6 ms) → articles server span (5 ms). */
export const articleListTrace = [
  span({
    spanId: 's3',
    parentSpanId: 's2',
    name: 'GET /articles',
    service: 'articles',
    at: 2_500,
    took: 5_000,
  }),
  span({ spanId: 's1', name: 'GET /api/articles', at: 0, took: 10_000 }),
  span({
    spanId: 's2',
    parentSpanId: 's1',
    name: 'GET /articles',
    kind: 'client',
    attributes: { 'peer.service': 'articles' },
    at: 2_000,
    took: 6_000,
  }),
];
