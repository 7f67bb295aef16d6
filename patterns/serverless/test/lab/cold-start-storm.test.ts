import { postgres } from '@journey/testkit';
import { describe, expect, it } from 'vitest';
import { STORM_CALLS, type StormFigures } from '../../lab/cold-start-storm.experiment.js';
import { readsOf } from '../../lab/conduit-reads.js';
import { runLabExperiment } from './lab-run.js';

const server = await postgres();

describe.skipIf(!server.available)(`the cold-start storm on PostgreSQL ${server.reason}`, () => {
  it('answers every first call, starts instances up to the cap, and holds no more connections than their pools', async () => {
    const outcome = await runLabExperiment('cold-start-storm', './lab/cold-start-storm.experiment.ts');
    const figures = outcome.figures as StormFigures;
    expect(outcome.db).toBe('postgres');
    expect(figures).toMatchObject({ calls: STORM_CALLS, failed: 0, statuses: `2xx ${STORM_CALLS}` });
    // Every function the storm called started at least one instance, none more than the default cap.
    const storming = new Set(readsOf({ username: 'any', token: 'any' }).map((read) => read.function));
    const called = figures.functions.filter((unit) => storming.has(unit.name));
    expect(called).toHaveLength(storming.size);
    for (const unit of called) {
      expect(unit.coldStarts, unit.name).toBeGreaterThan(0);
      expect(unit.peakInstances, unit.name).toBeLessThanOrEqual(5);
    }
    expect(figures.connectionsPeak).toBeGreaterThan(0);
    expect(figures.connectionsPeak).toBeLessThanOrEqual(figures.peakInstances * figures.poolMax);
    expect(outcome.held).toBe(true);
    expect(outcome.text).toContain('answers: 2xx 50');
  });
});
