import { describe, expect, it } from 'vitest';
import { formatConsumerBatches } from '../bench/consumer-batches.bench.js';

describe('formatConsumerBatches', () => {
  it('when rounds of each batch size were measured, then the best of each is shown against one event per transaction', () => {
    const table = formatConsumerBatches([
      { round: 1, batchSize: 1, events: 1_000, ms: 2_000, eventsPerSec: 500 },
      { round: 1, batchSize: 16, events: 1_000, ms: 800, eventsPerSec: 1_250 },
      { round: 2, batchSize: 1, events: 1_000, ms: 1_600, eventsPerSec: 625 },
      { round: 2, batchSize: 16, events: 1_000, ms: 1_000, eventsPerSec: 1_000 },
    ]);
    const rows = table.split('\n').slice(3);
    expect(rows.map((line) => line.split(/\s+/))).toEqual([
      ['1', '1000', '625', '100%'],
      ['16', '1000', '1250', '200%'],
    ]);
    expect(table).toContain('best of 2 interleaved rounds');
  });
});
