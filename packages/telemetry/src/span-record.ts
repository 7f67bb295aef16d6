/**
 * One finished span, as one line of `$JOURNEY_RUN_DIR/spans/<service>-<pid>.jsonl`. The lab's
 * `journey trace` reads these lines back, so this shape is the contract between the two.
 */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  /** Absent on a trace's root span. */
  parentSpanId?: string;
  /** `METHOD /route/:pattern` for HTTP spans. */
  name: string;
  kind: SpanRecordKind;
  /** The process that recorded the span (its logger's name unless OTEL_SERVICE_NAME says otherwise). */
  service: string;
  /** Epoch microseconds. */
  startUs: number;
  endUs: number;
  status: 'unset' | 'ok' | 'error';
  statusMessage?: string;
  attributes: Record<string, string | number | boolean>;
}

export type SpanRecordKind = 'internal' | 'server' | 'client' | 'producer' | 'consumer';
