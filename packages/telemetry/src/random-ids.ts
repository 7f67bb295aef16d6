import { randomFillSync } from 'node:crypto';

// Random bytes drawn a few kilobytes at a time: one system call per 256 traces instead of one per id.
const pool = Buffer.alloc(24 * 256);
let used = pool.length;

function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += bytes;
  return pool.toString('hex', used - bytes, used);
}

/** A W3C trace id and span id (32 and 16 hex digits); all-zero ids are invalid, so never returned. */
export function randomTraceIds(): { traceId: string; spanId: string } {
  const traceId = randomHex(16);
  const spanId = randomHex(8);
  return /^0+$/.test(traceId) || /^0+$/.test(spanId) ? randomTraceIds() : { traceId, spanId };
}
