import type { HrTime } from '@opentelemetry/api';
import { hrTime } from '@opentelemetry/core';

/**
 * Span start and end from one monotonic clock (process start + performance.now()). Left to itself,
 * the SDK stamps each span's start from Date.now(), whole milliseconds, so a 0.4 ms child could
 * appear to start before its parent.
 */
export const spanClock = (): HrTime => hrTime();
