import { describe, expect, it } from 'vitest';
import { callLatencies } from '../../platforms/local/call-latency.js';
import type { LoggedInvocation } from '../../platforms/local/fleet.js';

const line = (gatewayRequestId?: string): LoggedInvocation => ({
  function: 'tags',
  instance: 'a',
  coldStart: true,
  durationMs: 12,
  ...(gatewayRequestId ? { gatewayRequestId } : {}),
});

describe('callLatencies', () => {
  it('when the line comes before or after the gateway’s measure, then the call gets the gateway’s latency once', () => {
    const paired: [string | undefined, number][] = [];
    const latencies = callLatencies((invocation, ms) => paired.push([invocation.gatewayRequestId, ms]));
    latencies.invoked(line('first-line'));
    latencies.answered('first-line', 900);
    latencies.answered('first-answer', 40);
    latencies.invoked(line('first-answer'));

    expect(paired).toEqual([
      ['first-line', 900],
      ['first-answer', 40],
    ]);
  });

  it('when a call did not come through the gateway, then its latency is the function’s own duration', () => {
    const paired: number[] = [];
    callLatencies((_invocation, ms) => paired.push(ms)).invoked(line());

    expect(paired).toEqual([12]);
  });
});
