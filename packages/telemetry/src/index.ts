export {
  type DownstreamCall,
  recordCircuitOpen,
  type TracedRequestOptions,
  tracedRequest,
} from './downstream.js';
export type { DownstreamOutcome } from './metrics.js';
export { instrumentServer } from './server-instrumentation.js';
export type { SpanRecord, SpanRecordKind } from './span-record.js';
