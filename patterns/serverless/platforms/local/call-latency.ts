import type { LoggedInvocation } from './fleet.js';

/** Calls waiting for their other half; beyond this the oldest is dropped (a half that never comes). */
const MAX_WAITING = 10_000;

export interface CallLatencies {
  /** An invocation line was read. */
  invoked(invocation: LoggedInvocation): void;
  /** The gateway relayed call `gatewayRequestId` and got its whole answer after `latencyMs`. */
  answered(gatewayRequestId: string, latencyMs: number): void;
}

/**
 * Pairs each invocation line with the latency the gateway measured for the same call, whichever comes
 * first (a worker's line can trail its answer). The gateway's figure is what a cold start costs: the
 * instance's start-up and module load come before the function's own timer starts. A call that did not
 * come through the gateway (an event's) has only the function's own duration.
 */
export function callLatencies(
  onLatency: (invocation: LoggedInvocation, latencyMs: number) => void,
): CallLatencies {
  const lines = new Map<string, LoggedInvocation>();
  const measured = new Map<string, number>();
  const wait = <T>(waiting: Map<string, T>, id: string, value: T) => {
    waiting.set(id, value);
    if (waiting.size > MAX_WAITING) waiting.delete(waiting.keys().next().value as string);
  };
  return {
    invoked(invocation) {
      const id = invocation.gatewayRequestId;
      if (id === undefined) return onLatency(invocation, invocation.durationMs);
      const latencyMs = measured.get(id);
      if (latencyMs === undefined) return wait(lines, id, invocation);
      measured.delete(id);
      onLatency(invocation, latencyMs);
    },
    answered(id, latencyMs) {
      const invocation = lines.get(id);
      if (invocation === undefined) return wait(measured, id, latencyMs);
      lines.delete(id);
      onLatency(invocation, latencyMs);
    },
  };
}
