import { describe, expect, it } from 'vitest';
import { TrafficWindow } from '../../control-plane/src/traffic-window.js';
import type { AccessLogEntry } from '../../sidecar/src/access-log.js';

const call = (overrides: Partial<AccessLogEntry> = {}): AccessLogEntry => ({
  from: 'gateway',
  to: 'articles',
  status: 200,
  totalMs: 5,
  retries: 0,
  method: 'GET',
  ...overrides,
});

/** A window over a clock the test moves, so what is in the window is decided, not raced. */
function windowAt(windowMs: number) {
  let now = 1_000_000;
  const window = new TrafficWindow(windowMs, () => now);
  return { window, advance: (ms: number) => (now += ms) };
}

describe('the golden signals of each edge over a sliding window', () => {
  it('when calls cross an edge, then its rate, latency percentiles and total are reported', () => {
    const { window, advance } = windowAt(10_000);
    advance(10_000);
    for (let ms = 1; ms <= 100; ms++) window.record(call({ totalMs: ms }));
    expect(window.report()).toEqual([
      { from: 'gateway', to: 'articles', rps: 10, errorRate: 0, p50Ms: 50, p99Ms: 99, total: 100 },
    ]);
  });

  it('when a call was saved by retries, then the failed tries count in the error rate though the caller got a 200', () => {
    const { window, advance } = windowAt(10_000);
    window.record(call({ retries: 3 }));
    window.record(call({ status: 503, retries: 0 }));
    window.record(call({ status: 0, retries: 1 }));
    window.record(call({ status: 404 }));
    advance(1);
    const [edge] = window.report();
    // Tries: 4 + 1 + 2 + 1 = 8; failed: 3 + 1 + 2 + 0 = 6.
    expect(edge?.errorRate).toBe(6 / 8);
    expect(edge?.total).toBe(4);
  });

  it('when calls fall out of the window, then the rate and percentiles forget them but the total does not', () => {
    const { window, advance } = windowAt(10_000);
    window.record(call());
    advance(20_000);
    expect(window.report()).toEqual([
      { from: 'gateway', to: 'articles', rps: 0, errorRate: 0, p50Ms: null, p99Ms: null, total: 1 },
    ]);
  });

  it('when the control plane has run less than a window, then the rate is over the time it has run', () => {
    const { window, advance } = windowAt(30_000);
    advance(2_000);
    for (let i = 0; i < 10; i++) window.record(call());
    expect(window.report()[0]?.rps).toBe(5);
  });

  it('when several edges carry calls, then each is reported on its own, versions apart', () => {
    const { window, advance } = windowAt(10_000);
    window.record(call());
    window.record(call({ to: 'articles-v2' }));
    window.record(call({ from: 'client', to: 'gateway' }));
    advance(1);
    expect(window.report().map((edge) => `${edge.from}→${edge.to}`)).toEqual([
      'gateway→articles',
      'gateway→articles-v2',
      'client→gateway',
    ]);
  });
});
