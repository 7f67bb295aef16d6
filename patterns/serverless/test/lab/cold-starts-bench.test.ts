import { runPatternBench } from '@journey/orchestrator';
import { postgres } from '@journey/testkit';
import { describe, expect, it } from 'vitest';
import type { ColdStartFigures } from '../../lab/cold-starts.bench.js';
import { readsOf } from '../../lab/conduit-reads.js';

const server = await postgres();
const STARTS = 10;

describe.skipIf(!server.available)(`the cold-starts bench on PostgreSQL ${server.reason}`, () => {
  it('measures a burst of first calls as cold starts, the same calls warm, and prices the warm duration', async () => {
    const outcome = await runPatternBench(
      {
        pattern: 'serverless',
        declaration: { name: 'cold-starts', title: 'cold starts', module: './lab/cold-starts.bench.ts' },
        options: { starts: STARTS, 'requests-per-month': 100_000_000 },
      },
      {
        db: 'postgres',
        durationSec: 5,
        rounds: 1,
        onProgress: (message) => console.error(`[bench] ${message}`),
      },
    );
    const figures = outcome.figures as ColdStartFigures;
    expect(figures).toMatchObject({ starts: STARTS, coldStatuses: `2xx ${STARTS}` });
    expect(figures.warmStatuses).toMatch(/^2xx \d+$/);
    expect(figures.cold.count).toBe(STARTS);
    // Every function the burst called started cold at least once, then answered warm.
    const called = new Set(readsOf({ username: 'any', token: 'any' }).map((read) => read.function));
    const units = figures.functions.filter((unit) => called.has(unit.name));
    expect(units).toHaveLength(called.size);
    for (const unit of units) {
      expect(unit.coldStarts, unit.name).toBeGreaterThan(0);
      expect(unit.warm, unit.name).not.toBeNull();
    }
    expect(figures.cost?.workload).toMatch(/^100,000,000 requests a month/);
    expect(figures.cost?.rows.map((row) => row.platform)).toEqual([
      'AWS Lambda',
      'Cloud Run functions',
      'Azure Functions (Consumption)',
    ]);
    expect(outcome.text).toContain(`cold: ${STARTS} concurrent first calls on a fresh runtime`);
  });
});
