import { recordServerRequest } from '@journey/telemetry';
import { Counter, Gauge, Histogram, Registry, register } from 'prom-client';
import type { Fleet, LoggedInvocation } from './fleet.js';
import type { InstanceCap } from './instance-cap.js';

export interface RuntimeMetrics {
  observe(invocation: LoggedInvocation): void;
  observeLatency(invocation: LoggedInvocation, latencyMs: number): void;
  /** A Conduit request the gateway answered: the lab's traffic view counts these. */
  served(method: string, route: string, statusCode: number, seconds: number): void;
  /**
   * The Prometheus text exposition, live instances and queue lengths read at scrape time, with what
   * every Conduit process serves (@journey/telemetry: requests per route, calls per function, the
   * process's own figures), which the dashboard reads.
   */
  text(): Promise<{ contentType: string; body: string }>;
}

// From a warm cached read (~1 ms) to a cold start on a busy machine (seconds).
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The local runtime's figures for Prometheus, in a registry of its own (a test may build several). */
export function runtimeMetrics(fleet: Fleet, caps: ReadonlyMap<string, InstanceCap>): RuntimeMetrics {
  const registry = new Registry();
  const invocations = new Counter({
    name: 'serverless_invocations_total',
    help: 'Function invocations, by function',
    labelNames: ['function'],
    registers: [registry],
  });
  const coldStarts = new Counter({
    name: 'serverless_cold_starts_total',
    help: 'Invocations that were a new instance’s first, by function',
    labelNames: ['function'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'serverless_invocation_duration_seconds',
    help: 'Invocation latency as the gateway saw it (a cold start includes the instance start-up), by function and start',
    labelNames: ['function', 'start'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'serverless_instances',
    help: 'Function instances alive now, by function',
    labelNames: ['function'],
    registers: [registry],
    collect() {
      for (const unit of fleet.units()) this.set({ function: unit.name }, unit.instances);
    },
  });
  new Gauge({
    name: 'serverless_queued_requests',
    help: 'Requests waiting at the gateway for a free instance (the per-function cap), by function',
    labelNames: ['function'],
    registers: [registry],
    collect() {
      for (const [name, cap] of caps) this.set({ function: name }, cap.queued);
    },
  });
  return {
    observe(invocation) {
      invocations.inc({ function: invocation.function });
      if (invocation.coldStart) coldStarts.inc({ function: invocation.function });
    },
    observeLatency(invocation, latencyMs) {
      const start = invocation.coldStart ? 'cold' : 'warm';
      duration.observe({ function: invocation.function, start }, latencyMs / 1000);
    },
    served: recordServerRequest,
    text: async () => {
      const merged = Registry.merge([registry, register]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}
