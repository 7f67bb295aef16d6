export {
  type DownstreamCall,
  recordCircuitOpen,
  type TracedRequestOptions,
  tracedRequest,
} from './downstream.js';
export {
  type DownstreamOutcome,
  messageSizeRecorder,
  recordDownstreamCall,
  recordServerRequest,
} from './metrics.js';
export { flushNodeRequestSpans, traceNodeRequest } from './node-request-span.js';
export { instrumentServer } from './server-instrumentation.js';
export { type CollectedSpans, readSpanFiles } from './span-files.js';
export type { SpanRecord, SpanRecordKind } from './span-record.js';
export { type TracedCall, tracedCall, tracedWait } from './traced-call.js';
