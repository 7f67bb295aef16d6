import { type Context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';

/** Set on `SAMPLED_NEW_TRACE`; read by NewTraceSampler. Apart from it so servers need no SDK import. */
export const sampledAlready = createContextKey('@journey/telemetry: new trace sampled before its span');

/** The parent context of a root span whose trace `sampleNewTrace()` has already chosen to record. */
export const SAMPLED_NEW_TRACE: Context = ROOT_CONTEXT.setValue(sampledAlready, true);
