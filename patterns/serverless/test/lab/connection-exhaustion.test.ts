import { POSTGRES_ADMIN_URL } from '@journey/provisioning';
import { postgres } from '@journey/testkit';
import { describe, expect, it } from 'vitest';
import { CONNECTION_LIMIT, type ExhaustionRun } from '../../lab/connection-exhaustion.experiment.js';
import { leftOnServer, runLabExperiment } from './lab-run.js';

const server = await postgres();

describe.skipIf(!server.available)(`connection exhaustion on PostgreSQL ${server.reason}`, () => {
  it('reaches the database limit with unlimited instances and stays under it with the cap, leaving nothing behind', async () => {
    const outcome = await runLabExperiment(
      'connection-exhaustion',
      './lab/connection-exhaustion.experiment.ts',
    );
    const [without, withFix] = outcome.figures as ExhaustionRun[];
    expect(without).toMatchObject({ fixed: false });
    // Sampled every ~100 ms, the peak may miss the moment every connection was open: at most the limit.
    expect(without!.connectionsPeak).toBeLessThanOrEqual(CONNECTION_LIMIT);
    // Refused connections answer 503 naming the database, never a 500.
    expect(without!.refusedByDatabase).toBeGreaterThan(0);
    expect(without!.statuses).not.toMatch(/\b500\b/);
    expect(withFix).toMatchObject({ fixed: true, failed: 0 });
    expect(withFix!.connectionsPeak).toBeLessThan(CONNECTION_LIMIT);
    expect(outcome.held).toBe(true);
    expect(await leftOnServer(POSTGRES_ADMIN_URL, `_serverless_exhaust_${process.pid}_`)).toEqual([]);
  });
});
