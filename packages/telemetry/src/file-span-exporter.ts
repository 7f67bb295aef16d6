import { mkdirSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode, hrTimeToMicroseconds } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { SpanRecord, SpanRecordKind } from './span-record.js';

const kinds: Record<SpanKind, SpanRecordKind> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

const statuses = {
  [SpanStatusCode.UNSET]: 'unset',
  [SpanStatusCode.OK]: 'ok',
  [SpanStatusCode.ERROR]: 'error',
} as const;

export function toSpanRecord(span: ReadableSpan, service: string): SpanRecord {
  const { traceId, spanId } = span.spanContext();
  const attributes: SpanRecord['attributes'] = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      attributes[key] = value;
  }
  return {
    traceId,
    spanId,
    ...(span.parentSpanContext ? { parentSpanId: span.parentSpanContext.spanId } : {}),
    name: span.name,
    kind: kinds[span.kind],
    service,
    startUs: Math.round(hrTimeToMicroseconds(span.startTime)),
    endUs: Math.round(hrTimeToMicroseconds(span.endTime)),
    status: statuses[span.status.code],
    ...(span.status.message ? { statusMessage: span.status.message } : {}),
    attributes,
  };
}

/**
 * Appends each batch of finished spans as JSON lines to one file per process, so no collector has
 * to run on the learner's machine (docs/adr/0007). One file per process means no two writers ever
 * share a file; appends are chained so batches never interleave either.
 */
export class JsonLinesSpanExporter implements SpanExporter {
  readonly file: string;
  #written: Promise<void> = Promise.resolve();

  constructor(
    spansDir: string,
    private readonly service: string,
  ) {
    mkdirSync(spansDir, { recursive: true });
    // A service name is free text; the file name must stay one path segment.
    this.file = join(spansDir, `${service.replace(/[^\w.-]/g, '_')}-${process.pid}.jsonl`);
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const lines = spans.map((span) => `${JSON.stringify(toSpanRecord(span, this.service))}\n`).join('');
    this.#written = this.#written.then(() =>
      appendFile(this.file, lines).then(
        () => done({ code: ExportResultCode.SUCCESS }),
        (error: Error) => done({ code: ExportResultCode.FAILED, error }),
      ),
    );
  }

  forceFlush(): Promise<void> {
    return this.#written;
  }

  shutdown(): Promise<void> {
    return this.#written;
  }
}
