/**
 * One finished span, as one line of `$JOURNEY_RUN_DIR/spans/<service>-<pid>.jsonl`. readSpanFiles
 * reads these lines back for the lab (`journey trace`, compare's hop count), so this shape is the
 * contract between the processes and the lab.
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
