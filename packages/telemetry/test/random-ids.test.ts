import { isValidSpanId, isValidTraceId } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { randomTraceIds } from '../src/random-ids.js';

describe('randomTraceIds', () => {
  it('when drawn past a refill of the pool, then every id is valid and none repeats', () => {
    const drawn = Array.from({ length: 1_000 }, randomTraceIds);
    expect(drawn.every(({ traceId, spanId }) => isValidTraceId(traceId) && isValidSpanId(spanId))).toBe(true);
    expect(new Set(drawn.map((ids) => ids.traceId)).size).toBe(drawn.length);
    expect(new Set(drawn.map((ids) => ids.spanId)).size).toBe(drawn.length);
  });
});
