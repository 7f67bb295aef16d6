import { describe, expect, it } from 'vitest';
import { formatPropagation, goalP99Ms, type PropagationRun } from '../bench/propagation-report.js';

const run = (lagP50Ms: number, lagP99Ms: number): PropagationRun => ({
  published: 500,
  notCreated: 0,
  writeP50Ms: 20,
  writeP99Ms: 40,
  lagP50Ms,
  lagP99Ms,
  lagMaxMs: lagP99Ms + 5,
});

describe('formatPropagation', () => {
  it('when a broker ran several times, then each run is a line and the summary counts the runs under its goal', () => {
    const table = formatPropagation(
      [
        { broker: 'nats', goalP99Ms: goalP99Ms('nats'), runs: [run(6, 30), run(7, 50), run(5, 44)] },
        { broker: 'embedded', goalP99Ms: goalP99Ms('embedded'), runs: [run(20, 55)] },
        { broker: 'kafka', skipped: 'no server' },
      ],
      { ratePerSec: 100, durationSec: 5, runs: 3, followers: 20 },
    );
    const lines = table.split('\n');
    expect(lines.filter((line) => /^nats +\d+ +500 /.test(line))).toHaveLength(3);
    // 50 ms is not under 50 ms: the second run misses the goal.
    expect(lines.find((line) => /^nats +2 /.test(line))).toMatch(/✗$/);
    expect(table).toContain('nats      2 of 3 runs had lag p99 under 50 ms; lag p50 5–7 ms, p99 30–50 ms');
    expect(table).toContain('embedded  1 of 1 runs had lag p99 under 60 ms');
    expect(table).toContain('kafka     skipped: no server');
  });
});
