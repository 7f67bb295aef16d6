import { context, propagation, type Tracer, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler } from '@opentelemetry/sdk-trace-base';
import { JsonLinesSpanExporter } from './file-span-exporter.js';
import { NewTraceSampler } from './new-trace-sampler.js';
import { tracingSettings } from './settings.js';

export interface Tracing {
  /** False outside the lab (or with JOURNEY_TRACING=off): no span is recorded, no header is written. */
  enabled: boolean;
  tracer: Tracer;
  /** Whether to record a request that starts a new trace; asked before anything is made for it. */
  sampleNewTrace(): boolean;
  /** Writes the spans still buffered; called when a server closes. */
  flush(): Promise<void>;
}

let current: Tracing | undefined;

/**
 * The process-wide tracer, set up on first use: a server span per request, a client span per call
 * to another service, W3C `traceparent` across the wire. The first caller's service name sticks,
 * since every server in one process is the same service.
 */
export function startTracing(service: string): Tracing {
  if (current) return current;
  const settings = tracingSettings();
  if (!settings.spansDir) {
    // Nothing is registered, so every API call stays the OpenTelemetry API's own no-op.
    current = {
      enabled: false,
      tracer: trace.getTracer('@journey/telemetry'),
      sampleNewTrace: () => false,
      flush: async () => {},
    };
    return current;
  }
  const newTraces = new NewTraceSampler(settings.sampleRatio, settings.tracesPerSecond);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    sampler: new ParentBasedSampler({ root: newTraces }),
    spanProcessors: [
      // Batches keep file writes off the request path; a second's delay is short enough that
      // `journey trace --latest` right after a request finds it.
      new BatchSpanProcessor(new JsonLinesSpanExporter(settings.spansDir, service), {
        scheduledDelayMillis: 1_000,
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  current = {
    enabled: true,
    tracer: provider.getTracer('@journey/telemetry'),
    sampleNewTrace: () => newTraces.sampleNewTrace(),
    flush: () => provider.forceFlush(),
  };
  return current;
}
