import { describe, expect, it } from 'vitest';
import { ANONYMOUS_READS } from '../../lab/conduit-reads.js';
import {
  CONNECTION_LIMIT,
  type ExhaustionRun,
  exhaustionText,
  judgeExhaustion,
  VARIANTS,
} from '../../lab/connection-exhaustion.experiment.js';

const latency = { count: 40, p50Ms: 300, p90Ms: 900, p99Ms: 1500, maxMs: 1600 };

const without: ExhaustionRun = {
  variant: 'without the fix',
  fixed: false,
  maxInstances: '0',
  poolMax: '2',
  calls: 40,
  statuses: '2xx 31, 503 9',
  failed: 9,
  refusedByDatabase: 9,
  latency,
  peakInstances: 40,
  connectionsPeak: 12,
  limit: 12,
};

const withFix: ExhaustionRun = {
  ...without,
  variant: 'with the fix',
  fixed: true,
  maxInstances: '5',
  poolMax: '1',
  statuses: '2xx 40',
  failed: 0,
  refusedByDatabase: 0,
  peakInstances: 10,
  connectionsPeak: 10,
};

describe('the connection-exhaustion verdict', () => {
  it('holds when the limit was reached without the fix and not with it', () => {
    expect(judgeExhaustion([without, withFix])).toEqual({
      held: true,
      verdict:
        'limit 12: without the fix 9 of 40 calls refused at 12 connections; with it 0 failed at 10 connections: held',
    });
  });

  it('does not hold when the burst without the fix never hit the limit: the experiment showed nothing', () => {
    const { held, verdict } = judgeExhaustion([
      { ...without, statuses: '2xx 40', failed: 0, refusedByDatabase: 0, connectionsPeak: 8 },
      withFix,
    ]);
    expect(held).toBe(false);
    expect(verdict).toContain('without the fix no call was refused by the database (2xx 40)');
  });

  it('counts only 503s naming the database as refused: a 500 is a failure, not the limit', () => {
    const { held } = judgeExhaustion([
      { ...without, refusedByDatabase: 0, statuses: '2xx 31, 500 9' },
      withFix,
    ]);
    expect(held).toBe(false);
  });

  it('does not hold when the fix still failed calls or reached the limit', () => {
    const failing = judgeExhaustion([without, { ...withFix, failed: 2, statuses: '2xx 38, 503 2' }]);
    expect(failing.held).toBe(false);
    expect(failing.verdict).toContain('with the fix 2 calls failed (2xx 38, 503 2)');
    const atLimit = judgeExhaustion([without, { ...withFix, connectionsPeak: 12 }]);
    expect(atLimit.held).toBe(false);
    expect(atLimit.verdict).toContain('with the fix the connections reached the limit (12)');
  });

  it('refuses to judge without both runs', () => {
    expect(() => judgeExhaustion([without])).toThrow(/without the fix and one with it/);
  });

  it('prints both runs side by side', () => {
    const text = exhaustionText([without, withFix]);
    expect(text).toMatch(/without the fix\s+unlimited\s+2\s+40\s+12 \/ 12\s+2xx 31, 503 9/);
    expect(text).toMatch(/with the fix\s+5\s+1\s+10\s+10 \/ 12\s+2xx 40/);
  });
});

describe('the numbers the experiment runs with', () => {
  it('let the fixed runtime stay under the limit on the two functions the burst calls, one connection an instance', () => {
    const fixed = VARIANTS.find((variant) => variant.fixed)!;
    const functions = new Set(ANONYMOUS_READS.map((read) => read.function)).size;
    const mostWithFix =
      functions * Number(fixed.env.SERVERLESS_MAX_INSTANCES) * Number(fixed.env.DATABASE_POOL_MAX);
    expect(mostWithFix).toBeLessThan(CONNECTION_LIMIT);
  });
});
