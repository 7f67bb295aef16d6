import { join } from 'node:path';

export interface TracingSettings {
  /** Where spans go: `<runDir>/spans/<service>-<pid>.jsonl`; undefined means no tracing at all. */
  spansDir: string | undefined;
  /** Share of new traces recorded; a request that arrives with a sampled parent is always recorded. */
  sampleRatio: number;
  /** At most this many new traces a second are recorded (see TracesPerSecondSampler). */
  tracesPerSecond: number;
}

/**
 * The lab sets JOURNEY_RUN_DIR for every process it starts; outside the lab there is nowhere to
 * collect spans, so tracing stays off. JOURNEY_TRACING=off switches it off inside the lab too
 * (to measure what it costs). Recording a request costs about a tenth of a list-articles request's
 * CPU time, so under load only JOURNEY_TRACES_PER_SECOND new traces a second are kept (default 100);
 * JOURNEY_TRACE_SAMPLE_RATIO keeps a share of them. One not recorded costs no span, only its context.
 */
export function tracingSettings(env: NodeJS.ProcessEnv = process.env): TracingSettings {
  const switched = env.JOURNEY_TRACING ?? 'on';
  if (switched !== 'on' && switched !== 'off') {
    throw new Error(`JOURNEY_TRACING must be "on" or "off", got ${JSON.stringify(switched)}`);
  }
  const runDir = env.JOURNEY_RUN_DIR;
  const enabled = switched === 'on' && runDir !== undefined && runDir !== '';
  return {
    spansDir: enabled ? join(runDir, 'spans') : undefined,
    sampleRatio: sampleRatio(env),
    tracesPerSecond: tracesPerSecond(env),
  };
}

function sampleRatio(env: NodeJS.ProcessEnv): number {
  const raw = env.JOURNEY_TRACE_SAMPLE_RATIO;
  if (raw === undefined || raw === '') return 1;
  const ratio = Number(raw);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new Error(`JOURNEY_TRACE_SAMPLE_RATIO must be a number from 0 to 1, got ${JSON.stringify(raw)}`);
  }
  return ratio;
}

function tracesPerSecond(env: NodeJS.ProcessEnv): number {
  const raw = env.JOURNEY_TRACES_PER_SECOND;
  if (raw === undefined || raw === '') return 100;
  const perSecond = Number(raw);
  if (!Number.isInteger(perSecond) || perSecond < 1) {
    throw new Error(`JOURNEY_TRACES_PER_SECOND must be a whole number from 1, got ${JSON.stringify(raw)}`);
  }
  return perSecond;
}
