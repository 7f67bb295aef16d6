export {
  type DownstreamCall,
  recordCircuitOpen,
  type TracedRequestOptions,
  tracedRequest,
} from './downstream.js';
export { type DownstreamOutcome, messageSizeRecorder, recordDownstreamCall } from './metrics.js';
export { instrumentServer } from './server-instrumentation.js';
export type { SpanRecord, SpanRecordKind } from './span-record.js';
export { type TracedCall, tracedCall } from './traced-call.js';
