import type { HostedUnit } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import type { CallOutcome } from '../../lab/burst.js';
import { judgeStorm, stormFigures, stormText } from '../../lab/cold-start-storm.experiment.js';

const unit = (name: string, peakInstances: number, coldStarts: number): HostedUnit => ({
  name,
  trigger: 'http',
  instances: peakInstances,
  peakInstances,
  invocations: 10,
  coldStarts,
  cold: { p50Ms: 800, p99Ms: 1200, maxMs: 1300 },
  warm: { p50Ms: 9, p99Ms: 30, maxMs: 31 },
});

const call = (status: number, ms: number, errorFields: string[] = []): CallOutcome => ({
  function: 'articles',
  path: '/api/articles',
  status,
  ms,
  errorFields,
});

const units = [unit('articles', 5, 5), unit('tags', 5, 5), unit('users', 2, 2)];
const allAnswered = Array.from({ length: 50 }, (_, i) => call(200, 40 + i * 20));

describe('the cold-start storm verdict', () => {
  it('holds when every call answered 2xx and connections stayed within instances × pool', () => {
    const figures = stormFigures(allAnswered, units, 1, 12);
    expect(figures).toMatchObject({
      calls: 50,
      failed: 0,
      peakInstances: 12,
      coldStarts: 12,
      invocations: 30,
    });
    expect(judgeStorm(figures)).toEqual({
      held: true,
      verdict:
        '50 concurrent first calls, 12 cold starts on 12 instances, 12 connections at the peak (≤ 12): held',
    });
  });

  it('does not hold when a call failed', () => {
    const outcomes = [...allAnswered.slice(1), call(503, 100, ['database'])];
    const { held, verdict } = judgeStorm(stormFigures(outcomes, units, 1, 3));
    expect(held).toBe(false);
    expect(verdict).toContain('1 of 50 calls failed (2xx 49, 503 1)');
  });

  it('does not hold when the database held more connections than the pools allow', () => {
    const { held, verdict } = judgeStorm(stormFigures(allAnswered, units, 1, 13));
    expect(held).toBe(false);
    expect(verdict).toContain('13 connections, more than 12 instances × pool 1');
  });

  it('prints the distribution, the histogram, each function and the connection bound', () => {
    const text = stormText(stormFigures(allAnswered, units, 2, 7));
    expect(text).toContain('latency as the client saw it, 50 calls: p50 520 ms');
    expect(text).toMatch(/│█+ \d+/);
    expect(text).toMatch(/articles\s+5\s+10\s+5\s+800 \/ 1200\s+9 \/ 30/);
    expect(text).toContain('cold 12, warm 18 of 30 invocations');
    expect(text).toContain('connections held at the peak: 7 (12 instances × pool 2 = 24 at most)');
  });
});
